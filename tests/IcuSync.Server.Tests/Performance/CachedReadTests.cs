using IcuSync.Intervals;
using IcuSync.Sandbox;
using IcuSync.Server.Coaching;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Tests.Performance;

/// <summary>
/// Cached Intervals.icu reads are handed out as the stored instance: a cache hit costs no JSON copy (before, every hit
/// deserialized the whole activity or wellness list again, most of a cached tool call's CPU).
/// </summary>
public sealed class CachedReadTests
{
    private static readonly DateOnly From = new(2026, 1, 1);
    private static readonly DateOnly To = new(2026, 3, 31);

    [Fact]
    public async Task A_cache_hit_returns_the_stored_list_and_a_write_invalidation_fetches_a_fresh_one()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 42 }, ct);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHybridCache();
        services.AddIntervalsClient(o => o.BaseAddress = sandbox.BaseAddress);
        await using var provider = services.BuildServiceProvider();
        var reads = new IntervalsReads(
            provider.GetRequiredService<IIntervalsClient>(),
            provider.GetRequiredService<HybridCache>(),
            Options.Create(new IntervalsCacheOptions()));
        var cyclist = IntervalsCredential.ApiKey(SandboxPrincipals.CyclistApiKey);

        var first = await reads.ListActivitiesAsync(cyclist, SandboxPrincipals.CyclistId, From, To, ct);
        var second = await reads.ListActivitiesAsync(cyclist, SandboxPrincipals.CyclistId, From, To, ct);

        Assert.NotEmpty(first);
        Assert.Equal(first.Select(a => a.Id), second.Select(a => a.Id));

        await reads.InvalidateAthleteAsync(SandboxPrincipals.CyclistId, ct);
        var afterWrite = await reads.ListActivitiesAsync(cyclist, SandboxPrincipals.CyclistId, From, To, ct);

        Assert.NotSame(first, afterWrite);
        Assert.Equal(first.Select(a => a.Id), afterWrite.Select(a => a.Id));
    }

    [Fact]
    public async Task Another_credential_never_gets_the_cached_instance_of_the_first()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 42 }, ct);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHybridCache();
        services.AddIntervalsClient(o => o.BaseAddress = sandbox.BaseAddress);
        await using var provider = services.BuildServiceProvider();
        var reads = new IntervalsReads(
            provider.GetRequiredService<IIntervalsClient>(),
            provider.GetRequiredService<HybridCache>(),
            Options.Create(new IntervalsCacheOptions()));

        var asCyclist = await reads.GetAthleteAsync(IntervalsCredential.ApiKey(SandboxPrincipals.CyclistApiKey), SandboxPrincipals.CyclistId, ct);
        var asCoach = await reads.GetAthleteAsync(IntervalsCredential.ApiKey(SandboxPrincipals.CoachApiKey), SandboxPrincipals.CyclistId, ct);

        Assert.NotSame(asCyclist, asCoach);
        Assert.Equal(asCyclist.Id, asCoach.Id);
    }
}
