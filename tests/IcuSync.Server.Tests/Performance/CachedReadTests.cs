using IcuSync.Intervals;
using IcuSync.Sandbox;
using IcuSync.Server.Coaching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Tests.Performance;

/// <summary>
/// Cached Intervals.icu reads are handed out as the stored instance: a cache hit costs no JSON copy (before, every hit
/// deserialized the whole activity or wellness list again, most of a cached tool call's CPU). The second level still
/// stores and returns them.
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
        await using var provider = Instance(sandbox);
        var reads = Reads(provider);
        var cyclist = IntervalsCredential.ApiKey(SandboxPrincipals.CyclistApiKey);

        var first = await reads.ListActivitiesAsync(cyclist, SandboxPrincipals.CyclistId, From, To, ct);
        var second = await reads.ListActivitiesAsync(cyclist, SandboxPrincipals.CyclistId, From, To, ct);

        Assert.NotEmpty(first);
        Assert.Same(first, second);

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
        await using var provider = Instance(sandbox);
        var reads = Reads(provider);

        var asCyclist = await reads.GetAthleteAsync(IntervalsCredential.ApiKey(SandboxPrincipals.CyclistApiKey), SandboxPrincipals.CyclistId, ct);
        var asCoach = await reads.GetAthleteAsync(IntervalsCredential.ApiKey(SandboxPrincipals.CoachApiKey), SandboxPrincipals.CyclistId, ct);

        Assert.NotSame(asCyclist, asCoach);
        Assert.Equal(asCyclist.Id, asCoach.Id);
    }

    [Fact]
    public async Task A_read_cached_by_one_instance_is_served_from_the_second_level_to_another_with_the_same_content()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 42 }, ct);
        var shared = new WatchedDistributedCache();
        var cyclist = IntervalsCredential.ApiKey(SandboxPrincipals.CyclistApiKey);
        await using var one = Instance(sandbox, shared);
        await using var two = Instance(sandbox, shared);

        var stored = await Reads(one).ListActivitiesAsync(cyclist, SandboxPrincipals.CyclistId, From, To, ct);
        // HybridCache writes the second level after handing the value to the caller.
        await shared.Written.Task.WaitAsync(ct);
        var upstream = sandbox.Requests.Total;
        var fromSecondLevel = await Reads(two).ListActivitiesAsync(cyclist, SandboxPrincipals.CyclistId, From, To, ct);
        var again = await Reads(two).ListActivitiesAsync(cyclist, SandboxPrincipals.CyclistId, From, To, ct);

        Assert.Equal(upstream, sandbox.Requests.Total);
        Assert.NotSame(stored, fromSecondLevel);
        Assert.Same(fromSecondLevel, again);
        Assert.Equal(Json(stored), Json(fromSecondLevel));
        Assert.Contains(stored, a => a.AdditionalFields is { Count: > 0 });
    }

    /// <summary>The server's read path (HybridCache as the server sets it, the Intervals client, the coaching services) on <paramref name="sandbox"/>; with a second level when one is given.</summary>
    internal static ServiceProvider Instance(SandboxServer sandbox, IDistributedCache? secondLevel = null, Dictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
        if (secondLevel is not null)
        {
            services.AddSingleton(secondLevel);
        }

        services.AddHybridCache(o => o.MaximumPayloadBytes = 16 * 1024 * 1024); // as the server sets it
        services.AddIntervalsClient(o => o.BaseAddress = sandbox.BaseAddress);
        services.AddCoaching();
        return services.BuildServiceProvider();
    }

    private static IntervalsReads Reads(ServiceProvider provider) => provider.GetRequiredService<IntervalsReads>();

    // The wire context writes every member, extension data included, so equal JSON means equal content.
    private static string Json(IReadOnlyList<ActivityDto> activities) =>
        System.Text.Json.JsonSerializer.Serialize(activities.ToList(), IntervalsJsonContext.Wire.ListActivityDto);

    /// <summary>An in-memory second level that says when the first entry was written.</summary>
    private sealed class WatchedDistributedCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));

        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public byte[]? Get(string key) => _inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => _inner.GetAsync(key, token);

        public void Refresh(string key) => _inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);

        public void Remove(string key) => _inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => _inner.RemoveAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
        {
            _inner.Set(key, value, options);
            Written.TrySetResult();
        }

        public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            await _inner.SetAsync(key, value, options, token);
            Written.TrySetResult();
        }
    }
}
