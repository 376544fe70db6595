using System.Globalization;
using System.Runtime.CompilerServices;
using IcuSync.Intervals;
using IcuSync.Server.Hosting;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Coaching;

/// <summary>
/// Intervals.icu reads through a short-lived HybridCache. Keys hold the athlete and the credential's fingerprint,
/// so one principal never reads another's cached data; every entry is tagged with its athlete so a write can
/// drop that athlete's entries at once.
/// </summary>
public sealed class IntervalsReads(IIntervalsClient client, HybridCache cache, IOptions<IntervalsCacheOptions> options)
{
    private readonly IntervalsCacheOptions _ttl = options.Value;

    public IIntervalsClient Client => client;

    public Task<AthleteDto> GetAthleteAsync(IntervalsCredential credential, string athleteId, CancellationToken ct) =>
        GetAsync(credential, athleteId, "athlete", _ttl.Athlete, c => client.GetAthleteAsync(credential, athleteId, c), ct);

    public Task<IReadOnlyList<ActivityDto>> ListActivitiesAsync(IntervalsCredential credential, string athleteId, DateOnly oldest, DateOnly newest, CancellationToken ct) =>
        GetAsync(credential, athleteId, $"activities:{Day(oldest)}:{Day(newest)}", _ttl.Activities,
            c => client.ListActivitiesAsync(credential, athleteId, oldest, newest, null, c), ct);

    public Task<ActivityDto> GetActivityAsync(IntervalsCredential credential, string athleteId, string activityId, bool includeIntervals, CancellationToken ct) =>
        GetAsync(credential, athleteId, $"activity:{activityId}:{includeIntervals}", _ttl.ActivityDetail,
            c => client.GetActivityAsync(credential, activityId, includeIntervals, c), ct);

    public Task<IReadOnlyList<ActivityStreamDto>> GetStreamsAsync(IntervalsCredential credential, string athleteId, string activityId, IReadOnlyCollection<string>? types, CancellationToken ct) =>
        GetAsync(credential, athleteId, $"streams:{activityId}:{(types is null ? "*" : string.Join(',', types.Order(StringComparer.Ordinal)))}", _ttl.ActivityDetail,
            c => client.GetActivityStreamsAsync(credential, activityId, types, c), ct);

    public Task<IReadOnlyList<WellnessDto>> ListWellnessAsync(IntervalsCredential credential, string athleteId, DateOnly oldest, DateOnly newest, CancellationToken ct) =>
        GetAsync(credential, athleteId, $"wellness:{Day(oldest)}:{Day(newest)}", _ttl.Wellness,
            c => client.ListWellnessAsync(credential, athleteId, oldest, newest, c), ct);

    public Task<IReadOnlyList<EventDto>> ListEventsAsync(IntervalsCredential credential, string athleteId, DateOnly oldest, DateOnly newest, CancellationToken ct) =>
        GetAsync(credential, athleteId, $"events:{Day(oldest)}:{Day(newest)}", _ttl.Events,
            c => client.ListEventsAsync(credential, athleteId, oldest, newest, null, c), ct);

    public Task<IReadOnlyList<GearDto>> ListGearAsync(IntervalsCredential credential, string athleteId, CancellationToken ct) =>
        GetAsync(credential, athleteId, "gear", _ttl.Gear, c => client.ListGearAsync(credential, athleteId, c), ct);

    public Task<IReadOnlyList<SportSettingsDto>> ListSportSettingsAsync(IntervalsCredential credential, string athleteId, CancellationToken ct) =>
        GetAsync(credential, athleteId, "sport-settings", _ttl.Athlete, c => client.ListSportSettingsAsync(credential, athleteId, c), ct);

    public Task<PowerCurveSetDto> GetPowerCurvesAsync(IntervalsCredential credential, string athleteId, string activityType, IReadOnlyCollection<string> curves, CancellationToken ct) =>
        GetAsync(credential, athleteId, $"power-curves:{activityType}:{string.Join(',', curves)}", _ttl.Curves,
            c => client.GetPowerCurvesAsync(credential, athleteId, activityType, curves, c), ct);

    /// <summary>Best heart-rate curves (seconds → bpm); <paramref name="activityType"/> null spans every sport.</summary>
    public Task<HrCurveSetDto> GetHrCurvesAsync(IntervalsCredential credential, string athleteId, string? activityType, IReadOnlyCollection<string> curves, CancellationToken ct) =>
        GetAsync(credential, athleteId, $"hr-curves:{activityType ?? "*"}:{string.Join(',', curves)}", _ttl.Curves,
            c => client.GetHrCurvesAsync(credential, athleteId, activityType, curves, c), ct);

    /// <summary>Best pace curves (meters → seconds); <paramref name="gradeAdjusted"/> for GAP curves.</summary>
    public Task<PaceCurveSetDto> GetPaceCurvesAsync(IntervalsCredential credential, string athleteId, string? activityType, IReadOnlyCollection<string> curves, bool gradeAdjusted, CancellationToken ct) =>
        GetAsync(credential, athleteId, $"pace-curves:{activityType ?? "*"}:{gradeAdjusted}:{string.Join(',', curves)}", _ttl.Curves,
            c => client.GetPaceCurvesAsync(credential, athleteId, activityType, curves, gradeAdjusted, c), ct);

    /// <summary>Drops every cached read of <paramref name="athleteId"/>; call after any write for that athlete.</summary>
    public ValueTask InvalidateAthleteAsync(string athleteId, CancellationToken ct) =>
        cache.RemoveByTagAsync(Tag(athleteId), ct);

    private async Task<T> GetAsync<T>(
        IntervalsCredential credential,
        string athleteId,
        string what,
        TimeSpan ttl,
        Func<CancellationToken, Task<T>> fetch,
        CancellationToken ct)
    {
        if (ttl <= TimeSpan.Zero)
        {
            ReadTrace.Current?.MarkUncached();
            return await fetch(ct);
        }

        // "icu2": entries hold a CachedRead (its inner value as JSON in Redis); bare entries of older versions are not read.
        var key = $"icu2:{athleteId}:{credential.Fingerprint}:{what}";
        var entry = new HybridCacheEntryOptions { Expiration = ttl, LocalCacheExpiration = ttl };
        var missed = new StrongBox<bool>();
        var cached = await cache.GetOrCreateAsync(
            key,
            (Fetch: fetch, Missed: missed),
            static async (state, c) =>
            {
                state.Missed.Value = true;
                return new CachedRead<T>(await state.Fetch(c));
            },
            entry,
            [Tag(athleteId)],
            ct);
        IcuSyncTelemetry.RecordCacheLookup(Family(what), hit: !missed.Value);
        ReadTrace.Current?.Add(new ReadProbe<T>(cache, key, cached));
        return cached.Value;
    }

    /// <summary>Whether the in-process cache still holds the very instance a computation read (never fetching).</summary>
    private sealed class ReadProbe<T>(HybridCache cache, string key, CachedRead<T> seen) : IReadProbe
    {
        private static readonly HybridCacheEntryOptions LookupOnly = new()
        {
            Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableDistributedCache
                | HybridCacheEntryFlags.DisableLocalCacheWrite,
        };

        public async ValueTask<bool> IsCurrentAsync(CancellationToken cancellationToken)
        {
            var now = await cache.GetOrCreateAsync<CachedRead<T>?>(
                key, static _ => ValueTask.FromResult<CachedRead<T>?>(null), LookupOnly, cancellationToken: cancellationToken);
            return ReferenceEquals(now, seen);
        }
    }

    /// <summary>The endpoint family of a cache key (its first segment), for the hit-ratio metric.</summary>
    private static string Family(string what)
    {
        var colon = what.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? what : what[..colon];
    }

    private static string Tag(string athleteId) => "athlete:" + athleteId;

    private static string Day(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
