using System.Collections.Concurrent;

namespace IcuSync.Browser.Tests.Infrastructure;

/// <summary>Keeps every log line the host writes (message, exception and scope-free), to prove no secret reaches the logs.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _lines);

    /// <summary>Fails naming the first log line that contains <paramref name="secret"/> (the secret itself is not printed).</summary>
    public void AssertNeverContains(string secret, string what)
    {
        Assert.False(string.IsNullOrEmpty(secret), "Nothing to look for: " + what);
        Assert.False(_lines.IsEmpty, "No log line was captured at all, so the check would prove nothing.");
        var hit = _lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
        Assert.True(hit is null, $"The {what} appeared in a log line: {hit?.Replace(secret, "<SECRET>", StringComparison.Ordinal)}");
    }

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The structured values too: a secret passed as a template argument would be just as leaked.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            lines.Enqueue($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} {values} {exception}");
        }
    }
}
