using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;

namespace IcuSync.Server.Coaching;

/// <summary>
/// Keeps a read tool's finished answer (its structured content and text) for as long as every cached Intervals.icu
/// read it was built from is still the very same cached instance. A repeated call then skips the computation and the
/// serialization, yet can never serve anything its own reads would not have produced: the answer is a function of the
/// key (tool, athlete, credential, local today, range) and of those reads, and the reads are checked one by one, in the
/// order the computation made them, before the kept answer is used. A read that expired, was invalidated by a write or
/// came back from Redis as a new copy makes the answer be computed again. Only the in-process level is consulted for the
/// check, and the check never fetches from Intervals.icu.
/// </summary>
public sealed class AnswerMemo : IDisposable
{
    /// <summary>Answers kept at most; the least recently used go first.</summary>
    public const int Capacity = 4096;

    private static readonly MemoryCacheEntryOptions EntryOptions = new()
    {
        Size = 1,
        SlidingExpiration = TimeSpan.FromMinutes(10),
    };

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>The answer kept under <paramref name="key"/> while its reads are current, else <paramref name="compute"/>'s, kept for next time.</summary>
    public async Task<MemoizedAnswer> GetOrComputeAsync(string key, Func<Task<MemoizedAnswer>> compute, CancellationToken cancellationToken)
    {
        if (_answers.TryGetValue(key, out Entry? kept) && kept is not null && await kept.Trace.IsCurrentAsync(cancellationToken))
        {
            return kept.Answer;
        }

        var trace = ReadTrace.Begin();
        MemoizedAnswer answer;
        try
        {
            answer = await compute();
        }
        finally
        {
            ReadTrace.End(trace);
        }

        if (trace.Reusable)
        {
            _answers.Set(key, new Entry(answer, trace), EntryOptions);
        }

        return answer;
    }

    public void Dispose() => _answers.Dispose();

    private sealed record Entry(MemoizedAnswer Answer, ReadTrace Trace);
}

/// <summary>A finished read-tool answer: its structured content (immutable) and its short text.</summary>
public sealed record MemoizedAnswer(JsonElement Structured, string Text);

/// <summary>
/// The cached reads one computation made, in order, each able to say whether the cache still holds the same instance.
/// <see cref="IntervalsReads"/> records into the trace that is current on the async flow.
/// </summary>
public sealed class ReadTrace
{
    private static readonly AsyncLocal<ReadTrace?> Ambient = new();
    private readonly List<IReadProbe> _reads = [];

    /// <summary>False when a read went uncached (caching turned off): such an answer is not kept.</summary>
    public bool Reusable { get; private set; } = true;

    internal static ReadTrace? Current => Ambient.Value;

    internal static ReadTrace Begin()
    {
        var trace = new ReadTrace();
        Ambient.Value = trace;
        return trace;
    }

    internal static void End(ReadTrace trace)
    {
        if (ReferenceEquals(Ambient.Value, trace))
        {
            Ambient.Value = null;
        }
    }

    internal void Add(IReadProbe read)
    {
        lock (_reads)
        {
            _reads.Add(read);
        }
    }

    internal void MarkUncached() => Reusable = false;

    internal async ValueTask<bool> IsCurrentAsync(CancellationToken cancellationToken)
    {
        foreach (var read in _reads)
        {
            if (!await read.IsCurrentAsync(cancellationToken))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>One recorded cached read.</summary>
internal interface IReadProbe
{
    ValueTask<bool> IsCurrentAsync(CancellationToken cancellationToken);
}
