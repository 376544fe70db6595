using System.Collections.Concurrent;
using IcuSync.Sandbox.Analysis;
using IcuSync.Sandbox.Data;
using IcuSync.Sandbox.Hosting;

namespace IcuSync.Sandbox;

/// <summary>The intervals of one activity (<c>IntervalsDTO</c>).</summary>
public sealed record SandboxIntervals(string ActivityId, IReadOnlyList<SandboxInterval> Intervals, IReadOnlyList<SandboxIntervalGroup> Groups);

/// <summary>
/// The sandbox's in-memory data. Thread-safe; every read returns a snapshot. Tests use it to assert on what the
/// HTTP API serves, e.g. <c>store.GetActivities("i1001", oldest, newest)</c> (local dates, inclusive, newest first).
/// </summary>
public sealed partial class SandboxStore
{
    private const int StreamCacheCapacity = 12;

    private readonly Lock _gate = new();
    private readonly List<SandboxAthlete> _athletes;
    private readonly Dictionary<string, string> _apiKeys;
    private readonly Dictionary<string, List<SandboxSportSettings>> _sportSettings;
    private readonly List<SandboxCoaching> _coaching;
    private readonly Dictionary<string, List<SandboxActivity>> _activitiesByAthlete = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxActivity> _activities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActivityPlan> _plans;
    private readonly Dictionary<string, SortedDictionary<DateOnly, SandboxWellness>> _wellness = new(StringComparer.Ordinal);
    private readonly Dictionary<int, SandboxEvent> _events = new();
    private readonly List<SandboxFolder> _folders;
    private readonly List<SandboxWorkout> _workouts;
    private readonly List<SandboxGear> _gear;
    private readonly string? _datasetPath;
    private readonly DateOnly? _fixedToday;
    private readonly bool _generated;

    private readonly Dictionary<string, IReadOnlyList<SandboxStream>> _streamCache = new(StringComparer.Ordinal);
    private readonly Queue<string> _streamOrder = new();
    private readonly ConcurrentDictionary<string, SandboxIntervals> _intervalCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string ActivityId, string Kind), IReadOnlyDictionary<double, Curves.Point>> _curveCache = new();

    private int _nextEventId;
    private int _nextWorkoutId;
    private int _nextFolderId;
    private int _nextGearId;
    private int _nextReminderId;
    private long _nextBatch;

    private static readonly ConcurrentDictionary<(int Seed, DateOnly Today, int HistoryDays), Lazy<SandboxData>> Generated = new();

    internal SandboxStore(SandboxData data, SandboxOptions options)
    {
        TimeProvider = options.TimeProvider;
        _fixedToday = options.Today;
        OAuth = new SandboxOAuth(options.TimeProvider);
        RateLimiter = options.RateLimit ? new CredentialRateLimiter(options.TimeProvider, options.RateLimitPerSecond, options.RateLimitBurst) : null;
        CoachBearerReachesRoster = options.CoachBearerReachesRoster;
        _generated = data.Today is not null;
        _datasetPath = data.DatasetPath;
        _athletes = [.. data.Athletes];
        _apiKeys = new Dictionary<string, string>(data.ApiKeys, StringComparer.Ordinal);
        _sportSettings = data.SportSettings.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal);
        _coaching = [.. data.Coaching];
        _plans = new Dictionary<string, ActivityPlan>(data.Plans, StringComparer.Ordinal);
        foreach (var activity in data.Activities.OrderBy(a => a.StartDateLocal).ThenBy(a => a.Id, StringComparer.Ordinal))
        {
            _activities[activity.Id] = activity;
            if (!_activitiesByAthlete.TryGetValue(activity.AthleteId, out var list))
            {
                _activitiesByAthlete[activity.AthleteId] = list = [];
            }

            list.Add(activity);
        }

        foreach (var (athleteId, records) in data.Wellness)
        {
            var sorted = new SortedDictionary<DateOnly, SandboxWellness>();
            foreach (var record in records)
            {
                sorted[record.Id] = record;
            }

            _wellness[athleteId] = sorted;
        }

        foreach (var e in data.Events)
        {
            // Loaded events without a workout_doc are parsed the way the real server parses descriptions.
            _events[e.Id] = e.WorkoutDoc is null && e.Category == "WORKOUT" && e.AthleteId is { } owner ? Analyze(owner, e, []) : e;
        }

        _folders = [.. data.Folders];
        _workouts = [.. data.Workouts];
        _gear = [.. data.Gear];
        _nextEventId = _events.Count == 0 ? 48_100_001 : _events.Keys.Max() + 1;
        _nextWorkoutId = _workouts.Count == 0 ? 700_001 : _workouts.Max(w => w.Id) + 1;
        _nextFolderId = _folders.Count == 0 ? 90_001 : _folders.Max(f => f.Id) + 1;
        _nextGearId = 1;
        _nextReminderId = _gear.SelectMany(g => g.Reminders ?? []).Select(r => r.Id).DefaultIfEmpty(5_000).Max() + 1;
    }

    /// <summary>
    /// Builds a store from <paramref name="options"/>: the dataset folder when set, else data generated from the seed.
    /// Generated data is cached per (seed, today, history) in the process, so later stores start instantly; each
    /// store gets its own copy, so writes never leak between stores.
    /// </summary>
    /// <exception cref="SandboxDatasetException">The dataset folder cannot be loaded (the message says why).</exception>
    public static SandboxStore Create(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        if (options.DatasetPath is { } path)
        {
            return new SandboxStore(DatasetLoader.Load(path), options);
        }

        var today = options.Today ?? DateOnly.FromDateTime(options.TimeProvider.GetUtcNow().UtcDateTime);
        var key = (options.Seed, today, options.HistoryDays);
        var lazy = Generated.GetOrAdd(key, k => new Lazy<SandboxData>(() => DemoWorld.Generate(k.Seed, k.Today, k.HistoryDays)));
        if (Generated.Count > 8)
        {
            foreach (var stale in Generated.Keys.Where(k => k != key).Take(Generated.Count - 8))
            {
                Generated.TryRemove(stale, out _);
            }
        }

        return new SandboxStore(lazy.Value, options);
    }

    internal SandboxOAuth OAuth { get; }

    internal CredentialRateLimiter? RateLimiter { get; }

    internal bool CoachBearerReachesRoster { get; }

    /// <summary>
    /// Issues a bearer token for <paramref name="athleteId"/> with <paramref name="scope"/> (e.g.
    /// <c>ACTIVITY:READ,CALENDAR:WRITE</c>) without the browser step, as if the athlete had approved the demo app.
    /// </summary>
    public string IssueBearerToken(string athleteId, string scope)
    {
        if (SandboxOAuth.ParseScopes(scope, out var scopes) is { } error)
        {
            throw new ArgumentException(error, nameof(scope));
        }

        return OAuth.IssueToken(new OAuthGrant(athleteId, scopes, scope, SandboxPrincipals.OAuthClientId));
    }

    /// <summary>The clock used for "now" (OAuth code expiry, rate limiting, <c>updated</c> stamps, default dates).</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>True when the data was generated from a seed (false for a loaded dataset).</summary>
    public bool IsGenerated => _generated;

    /// <summary>All athletes, including the coach.</summary>
    public IReadOnlyList<SandboxAthlete> Athletes
    {
        get
        {
            lock (_gate)
            {
                return [.. _athletes];
            }
        }
    }

    /// <summary>Coach → athlete permissions.</summary>
    public IReadOnlyList<SandboxCoaching> Coaching
    {
        get
        {
            lock (_gate)
            {
                return [.. _coaching];
            }
        }
    }

    public SandboxAthlete? FindAthlete(string athleteId)
    {
        lock (_gate)
        {
            return _athletes.Find(a => a.Id == athleteId);
        }
    }

    /// <summary>The athlete that owns <paramref name="apiKey"/>, or null.</summary>
    public string? AthleteIdForApiKey(string apiKey)
    {
        lock (_gate)
        {
            return _apiKeys.GetValueOrDefault(apiKey);
        }
    }

    /// <summary>The API key of <paramref name="athleteId"/> (demo value), or null.</summary>
    public string? ApiKeyOf(string athleteId)
    {
        lock (_gate)
        {
            return _apiKeys.FirstOrDefault(kv => kv.Value == athleteId).Key;
        }
    }

    /// <summary>"Today" in the athlete's time zone (or <see cref="SandboxOptions.Today"/> when pinned).</summary>
    public DateOnly Today(string athleteId) =>
        _fixedToday ?? TimeZones.LocalDate(TimeProvider.GetUtcNow(), FindAthlete(athleteId)?.Timezone);

    /// <summary><c>READ</c>/<c>WRITE</c> when <paramref name="callerId"/> coaches <paramref name="athleteId"/>, else null.</summary>
    public string? Permission(string callerId, string athleteId)
    {
        lock (_gate)
        {
            return _coaching.Find(c => c.CoachId == callerId && c.AthleteId == athleteId)?.Permission.ToUpperInvariant();
        }
    }

    public IReadOnlyList<SandboxSportSettings> GetSportSettings(string athleteId)
    {
        lock (_gate)
        {
            return _sportSettings.TryGetValue(athleteId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>Sport settings by numeric id or by activity type (<c>Ride</c>, <c>VirtualRide</c>, <c>Run</c>...).</summary>
    public SandboxSportSettings? FindSportSettings(string athleteId, string idOrType)
    {
        var all = GetSportSettings(athleteId);
        if (int.TryParse(idOrType, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return all.FirstOrDefault(s => s.Id == id);
        }

        return all.FirstOrDefault(s => s.Covers(idOrType));
    }

    /// <summary>All activities of the athlete (including Strava stubs), oldest first.</summary>
    public IReadOnlyList<SandboxActivity> GetActivities(string athleteId)
    {
        lock (_gate)
        {
            return _activitiesByAthlete.TryGetValue(athleteId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>
    /// Activities whose local start date is within [<paramref name="oldest"/>, <paramref name="newest"/>], newest
    /// first, Strava stubs included — exactly what <c>GET /athlete/{id}/activities?oldest=&amp;newest=</c> returns.
    /// </summary>
    public IReadOnlyList<SandboxActivity> GetActivities(string athleteId, DateOnly oldest, DateOnly newest) =>
        GetActivities(athleteId, oldest.ToDateTime(TimeOnly.MinValue), newest.ToDateTime(TimeOnly.MaxValue));

    internal IReadOnlyList<SandboxActivity> GetActivities(string athleteId, DateTime oldest, DateTime newest)
    {
        lock (_gate)
        {
            if (!_activitiesByAthlete.TryGetValue(athleteId, out var list))
            {
                return [];
            }

            var result = new List<SandboxActivity>();
            for (var i = list.Count - 1; i >= 0; i--)
            {
                var a = list[i];
                if (a.StartDateLocal >= oldest && a.StartDateLocal <= newest)
                {
                    result.Add(a);
                }
            }

            return result;
        }
    }

    public SandboxActivity? FindActivity(string activityId)
    {
        lock (_gate)
        {
            return _activities.GetValueOrDefault(activityId);
        }
    }

    /// <summary>The training load of the athlete's activities on a local date (Strava stubs excluded).</summary>
    public int DailyLoad(string athleteId, DateOnly date) =>
        GetActivities(athleteId, date, date).Where(a => !a.IsStravaStub).Sum(a => a.IcuTrainingLoad ?? 0);

    /// <summary>Wellness records in [oldest, newest], ascending by date.</summary>
    public IReadOnlyList<SandboxWellness> GetWellness(string athleteId, DateOnly oldest, DateOnly newest)
    {
        lock (_gate)
        {
            return _wellness.TryGetValue(athleteId, out var records)
                ? [.. records.Values.Where(w => w.Id >= oldest && w.Id <= newest)]
                : [];
        }
    }

    public SandboxWellness? FindWellness(string athleteId, DateOnly date)
    {
        lock (_gate)
        {
            return _wellness.TryGetValue(athleteId, out var records) ? records.GetValueOrDefault(date) : null;
        }
    }

    /// <summary>Events overlapping [oldest, newest] (local dates, inclusive), ascending by start.</summary>
    public IReadOnlyList<SandboxEvent> GetEvents(string athleteId, DateOnly oldest, DateOnly newest)
    {
        var from = oldest.ToDateTime(TimeOnly.MinValue);
        var to = newest.AddDays(1).ToDateTime(TimeOnly.MinValue);
        lock (_gate)
        {
            return [.. _events.Values
                .Where(e => e.AthleteId == athleteId && e.StartDateLocal < to && (e.EndDateLocal ?? e.StartDateLocal.AddDays(1)) > from)
                .OrderBy(e => e.StartDateLocal).ThenBy(e => e.Id)];
        }
    }

    public SandboxEvent? FindEvent(string athleteId, int eventId)
    {
        lock (_gate)
        {
            return _events.TryGetValue(eventId, out var e) && e.AthleteId == athleteId ? e : null;
        }
    }

    public IReadOnlyList<SandboxFolder> GetFolders(string athleteId)
    {
        lock (_gate)
        {
            return [.. _folders.Where(f => f.AthleteId == athleteId).OrderBy(f => f.Id)];
        }
    }

    public IReadOnlyList<SandboxWorkout> GetWorkouts(string athleteId)
    {
        lock (_gate)
        {
            return [.. _workouts.Where(w => w.AthleteId == athleteId).OrderBy(w => w.Id)];
        }
    }

    public IReadOnlyList<SandboxGear> GetGear(string athleteId)
    {
        lock (_gate)
        {
            return [.. _gear.Where(g => g.AthleteId == athleteId)];
        }
    }

    /// <summary>The 1 Hz streams of an activity (generated on demand, or read from the dataset); empty if none.</summary>
    public IReadOnlyList<SandboxStream> GetStreams(string activityId)
    {
        lock (_gate)
        {
            if (_streamCache.TryGetValue(activityId, out var cached))
            {
                return cached;
            }
        }

        IReadOnlyList<SandboxStream> streams;
        ActivityPlan? plan;
        lock (_gate)
        {
            plan = _plans.GetValueOrDefault(activityId);
        }

        if (plan is not null)
        {
            streams = StreamSynthesizer.Synthesize(plan);
        }
        else if (_datasetPath is not null)
        {
            streams = DatasetLoader.ReadStreams(_datasetPath, activityId);
        }
        else
        {
            streams = [];
        }

        lock (_gate)
        {
            if (!_streamCache.ContainsKey(activityId))
            {
                _streamCache[activityId] = streams;
                _streamOrder.Enqueue(activityId);
                while (_streamOrder.Count > StreamCacheCapacity)
                {
                    _streamCache.Remove(_streamOrder.Dequeue());
                }
            }
        }

        return streams;
    }

    /// <summary>The intervals of an activity (computed from its streams for generated data).</summary>
    public SandboxIntervals GetIntervals(string activityId) => _intervalCache.GetOrAdd(activityId, ComputeIntervals);

    private SandboxIntervals ComputeIntervals(string activityId)
    {
        var activity = FindActivity(activityId);
        ActivityPlan? plan;
        lock (_gate)
        {
            plan = _plans.GetValueOrDefault(activityId);
        }

        if (activity is null)
        {
            return new SandboxIntervals(activityId, [], []);
        }

        if (plan is null)
        {
            return _datasetPath is null ? new SandboxIntervals(activityId, [], []) : DatasetLoader.ReadIntervals(_datasetPath, activityId);
        }

        var thresholds = ThresholdsFor(activity);
        var (intervals, groups) = IntervalAnalysis.FromPlan(plan, new StreamSet(GetStreams(activityId)), thresholds);
        return new SandboxIntervals(activityId, intervals, groups);
    }

    internal Thresholds ThresholdsFor(SandboxActivity activity)
    {
        var athlete = FindAthlete(activity.AthleteId);
        var settings = activity.Type is null ? null : FindSportSettings(activity.AthleteId, activity.Type);
        var t = athlete is null ? new Thresholds(null, null, null, 50, null, null, 84, 97, null, null, null) : Thresholds.From(settings, athlete);
        return t with
        {
            Ftp = activity.IcuFtp ?? t.Ftp,
            Lthr = activity.Lthr ?? t.Lthr,
            PowerZones = activity.IcuPowerZones ?? t.PowerZones,
            HrZones = activity.IcuHrZones ?? t.HrZones,
            ThresholdSpeed = activity.ThresholdPace ?? t.ThresholdSpeed,
            Weight = activity.IcuWeight ?? t.Weight,
        };
    }

    /// <summary>Cached per-activity curve (<paramref name="kind"/>: watts, heartrate, pace, swim-pace).</summary>
    internal IReadOnlyDictionary<double, Curves.Point>? GetCurve(string activityId, string kind)
    {
        if (_curveCache.TryGetValue((activityId, kind), out var cached))
        {
            return cached;
        }

        var streams = new StreamSet(GetStreams(activityId));
        IReadOnlyDictionary<double, Curves.Point>? curve = kind switch
        {
            "watts" when streams.Watts is { } w => Curves.MaxMean(w).ToDictionary(kv => (double)kv.Key, kv => kv.Value),
            "heartrate" when streams.Heartrate is { } h => Curves.MaxMean(h).ToDictionary(kv => (double)kv.Key, kv => kv.Value),
            "pace" when streams["distance"] is { } d => Curves.Fastest(d, Curves.RunDistances),
            "swim-pace" when streams["distance"] is { } d => Curves.Fastest(d, Curves.SwimDistances),
            _ => null,
        };
        if (curve is not null)
        {
            _curveCache[(activityId, kind)] = curve;
        }

        return curve;
    }
}
