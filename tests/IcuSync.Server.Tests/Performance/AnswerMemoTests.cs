using System.Text.Json;
using IcuSync.Intervals;
using IcuSync.Sandbox;
using IcuSync.Server.Coaching;
using Microsoft.Extensions.DependencyInjection;

namespace IcuSync.Server.Tests.Performance;

/// <summary>
/// A read tool's finished answer is reused only while every cached read it was built from is the very same cached
/// instance: a write's invalidation, another credential or an uncached read all make it be computed again.
/// </summary>
public sealed class AnswerMemoTests
{
    private static readonly DateOnly From = new(2026, 1, 1);
    private static readonly DateOnly To = new(2026, 3, 31);
    private static readonly IntervalsCredential Cyclist = IntervalsCredential.ApiKey(SandboxPrincipals.CyclistApiKey);

    [Fact]
    public async Task An_answer_is_reused_while_its_reads_are_unchanged_and_computed_again_after_a_write_invalidates_them()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 42 }, ct);
        await using var provider = CachedReadTests.Instance(sandbox);
        var counted = new CountedAnswer(provider.GetRequiredService<IntervalsReads>(), Cyclist);
        var memo = provider.GetRequiredService<AnswerMemo>();

        var first = await memo.GetOrComputeAsync("activities", () => counted.ComputeAsync(ct), ct);
        var second = await memo.GetOrComputeAsync("activities", () => counted.ComputeAsync(ct), ct);

        Assert.Equal(1, counted.Computations);
        Assert.Same(first, second);

        await provider.GetRequiredService<IntervalsReads>().InvalidateAthleteAsync(SandboxPrincipals.CyclistId, ct);
        var afterWrite = await memo.GetOrComputeAsync("activities", () => counted.ComputeAsync(ct), ct);

        Assert.Equal(2, counted.Computations);
        Assert.NotSame(first, afterWrite);
        Assert.Equal(first.Text, afterWrite.Text);
    }

    [Fact]
    public async Task A_reading_under_another_key_or_with_caching_off_is_never_served_a_kept_answer()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 42 }, ct);
        await using var cached = CachedReadTests.Instance(sandbox);
        var counted = new CountedAnswer(cached.GetRequiredService<IntervalsReads>(), Cyclist);
        var memo = cached.GetRequiredService<AnswerMemo>();
        await memo.GetOrComputeAsync("one", () => counted.ComputeAsync(ct), ct);
        await memo.GetOrComputeAsync("two", () => counted.ComputeAsync(ct), ct);
        Assert.Equal(2, counted.Computations);

        await using var uncached = CachedReadTests.Instance(sandbox, settings: new() { ["Cache:Activities"] = "00:00:00" });
        var direct = new CountedAnswer(uncached.GetRequiredService<IntervalsReads>(), Cyclist);
        var uncachedMemo = uncached.GetRequiredService<AnswerMemo>();
        await uncachedMemo.GetOrComputeAsync("one", () => direct.ComputeAsync(ct), ct);
        await uncachedMemo.GetOrComputeAsync("one", () => direct.ComputeAsync(ct), ct);
        Assert.Equal(2, direct.Computations);
    }

    /// <summary>An answer built from the cyclist's activity list, counting how often it was computed.</summary>
    private sealed class CountedAnswer(IntervalsReads reads, IntervalsCredential credential)
    {
        public int Computations { get; private set; }

        public async Task<MemoizedAnswer> ComputeAsync(CancellationToken ct)
        {
            Computations++;
            var activities = await reads.ListActivitiesAsync(credential, SandboxPrincipals.CyclistId, From, To, ct);
            return new MemoizedAnswer(JsonSerializer.SerializeToElement(activities.Count), $"{activities.Count} activities");
        }
    }
}
