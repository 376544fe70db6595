using System.Globalization;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>A race (or race-like item) near the asked date or name, with the ids to ask for it.</summary>
public sealed record RaceCandidate(string Date, string? Name, string? Sport, long? EventId, string? Category, string? ActivityId, string Note);

/// <summary>The planned race on the calendar (a RACE_A/B/C event): its id, date, priority, planned distance (km), duration (s), load and goal text.</summary>
public sealed record RaceEventView(long Id, string Date, string Category, string? Name, string? Sport, double? DistanceKm, int? DurationS, int? Load, string? Goal);

/// <summary>Headline numbers of the race activity.</summary>
public sealed record RaceSummary(
    int? MovingTimeS,
    int? ElapsedTimeS,
    double? DistanceKm,
    int? ElevationM,
    int? Load,
    double? If,
    int? AvgPowerW,
    int? NpW,
    int? AvgHrBpm,
    int? MaxHrBpm,
    string? Pace,
    double? AvgSpeedKmh);

/// <summary>
/// One pacing segment: an equal share of the distance (or of the recording when there is no distance stream). Duration is
/// recorded seconds; speed, power and HR are means over the segment's samples; <c>SpeedVsAvgPct</c> compares the segment
/// with the race's mean speed.
/// </summary>
public sealed record PacingSegment(
    int Segment,
    double? StartKm,
    double? EndKm,
    int DurationS,
    double? SpeedKmh,
    string? Pace,
    double? AvgPowerW,
    double? AvgHrBpm,
    double? SpeedVsAvgPct);

/// <summary>
/// Pacing by segment and the split: second half against first half in recorded seconds (positive = slower second half);
/// under 2 % either way is even.
/// </summary>
public sealed record Pacing(string Basis, IReadOnlyList<PacingSegment> Segments, int? FirstHalfS, int? SecondHalfS, double? SplitPct, string? Pattern);

/// <summary>
/// The race's best effort at one duration (power, W) or distance (time, s) against the athlete's best over the
/// <see cref="RaceAnalysis.CurveDays"/> days before the race (from Intervals.icu's athlete curves).
/// </summary>
public sealed record RaceEffort(
    string Label,
    int? DurationS,
    double? DistanceM,
    double? Race,
    double? Best,
    double? PctOfBest,
    bool? NewBest,
    string? BestActivityId,
    string? BestDate,
    string? Unavailable);

/// <summary>Race efforts against the athlete's curve: <c>Metric</c> is power (W) or pace (seconds per distance).</summary>
public sealed record RaceEffortComparison(string Metric, string Unit, string CurveRange, IReadOnlyList<RaceEffort> Efforts);

/// <summary>
/// Actual against planned: the RACE event's planned distance, duration and load against the activity's, with
/// differences in %, the goal text, and the workout the activity was paired with.
/// </summary>
public sealed record PlanComparison(
    long? EventId,
    long? PairedEventId,
    double? PlannedDistanceKm,
    double? ActualDistanceKm,
    double? DistanceDiffPct,
    int? PlannedDurationS,
    int? ActualDurationS,
    double? DurationDiffPct,
    int? PlannedLoad,
    int? ActualLoad,
    string? Goal,
    string? Note);

/// <summary>analyze_race: either the analysis of the race found, or a no-match with nearby candidates.</summary>
public sealed record RaceReport(
    string Status,
    string? Message,
    string? ActivityId,
    string? Date,
    string? Name,
    string? Sport,
    string? FoundBy,
    RaceEventView? RaceEvent,
    RaceSummary? Summary,
    Pacing? Pacing,
    SignedDecoupling? Decoupling,
    RaceEffortComparison? BestEfforts,
    PlanComparison? Plan,
    StravaStubNotice? StravaStub,
    IReadOnlyList<RaceCandidate>? Candidates,
    IReadOnlyList<UnavailableMetric>? Unavailable);

/// <summary>
/// Finds a race by date or name (RACE_A/B/C calendar events paired with the activity done that day, or activities
/// flagged as a race: Intervals.icu's race flag, a "race" tag or sub type) and analyses it: pacing by segment,
/// decoupling, best efforts against the athlete's curve, and the comparison with the planned race.
/// </summary>
public sealed class RaceAnalysis(IntervalsReads reads, ActivityAnalysisService activities, AthleteBestEfforts bestEfforts)
{
    /// <summary>Days of the athlete's curve (ending the day before the race) the race efforts are compared with.</summary>
    public const int CurveDays = 90;

    /// <summary>Pacing segments per race.</summary>
    public const int Segments = 8;

    /// <summary>How far back a race is searched for when no date is given (one calendar request).</summary>
    public const int SearchDays = 366;

    /// <summary>Days after today searched for a named race when no date is given.</summary>
    public const int FutureSearchDays = 180;

    /// <summary>Days either side of the asked date (or today) searched for candidates when nothing matches.</summary>
    public const int CandidateDays = 90;

    /// <summary>Power durations compared with the curve, in seconds.</summary>
    public static IReadOnlyList<int> PowerDurationsS { get; } = [60, 300, 1200, 3600];

    /// <summary>Run distances compared with the curve, in meters.</summary>
    public static IReadOnlyList<double> RunDistancesM { get; } = [1000, 5000, 10000, 21097.5];

    private static readonly string[] RaceCategories = ["RACE_A", "RACE_B", "RACE_C"];

    public async Task<RaceReport> AnalyzeAsync(AthleteScope scope, DateOnly? date, string? nameContains, bool compareToPlanned, bool includeEvents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var today = scope.Today;
        // A named race is searched a little ahead too, so one that is still to come is reported as such; "the last race" is a past one.
        var search = date is { } d ? new DateRange(d, d)
            : new DateRange(today.AddDays(-(SearchDays - 1)), string.IsNullOrWhiteSpace(nameContains) ? today : today.AddDays(FutureSearchDays));
        var found = await FindAsync(scope, search, nameContains, includeEvents, ct);
        if (found is null)
        {
            return await NoMatchAsync(scope, date, nameContains, includeEvents, null, ct);
        }

        var (activityId, raceEvent, foundBy) = found.Value;
        if (activityId is null)
        {
            return await NoMatchAsync(scope, date, nameContains, includeEvents,
                $"The race '{raceEvent!.Name}' ({raceEvent.Category}, event {raceEvent.Id}) on {raceEvent.Date} has no recorded activity{(DateOnly.ParseExact(raceEvent.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture) > today ? " yet: it is in the future" : " on that day")}.",
                ct);
        }

        var activity = await activities.GetOwnedActivityAsync(scope, activityId, includeIntervals: false, ct);
        if (activity.IsStravaStub)
        {
            return new RaceReport("found", "The race was imported from Strava, so its data is not available.", activity.Id, TrainingHistory.LocalDate(activity),
                activity.Name, activity.Type, foundBy, raceEvent, null, null, null, null, null, StravaStubNotice.Instance, null, null);
        }

        var unavailable = new List<UnavailableMetric>();
        var raw = await reads.GetStreamsAsync(scope.Credential, scope.AthleteId, activityId, SessionAnalysis.AllStreamTypes, ct);
        var series = ActivityStreamSeries.From(raw);
        var settings = await activities.SettingsForAsync(scope, activity.Type, ct);
        var thresholds = await activities.ResolveThresholdsAsync(scope, activity, settings, series.HasPower, ct);
        var metrics = ActivityAnalysisService.Analyze(activity, series, settings, thresholds);

        var summary = SummaryOf(activity, settings);
        var pacing = PacingOf(series, activity.Type ?? "", settings?.PaceUnits);
        if (pacing is null)
        {
            unavailable.Add(new UnavailableMetric("pacing", "the activity has no recorded streams"));
        }

        SignedDecoupling? decoupling = null;
        if (metrics.Decoupling is { } dc)
        {
            decoupling = new SignedDecoupling(dc.Pct, dc.Basis, dc.Pct < 0 ? "improving" : dc.Pct < 5 ? "stable" : "drifting",
                dc.Pct < 5 ? "durable" : dc.Pct < 10 ? "moderate" : "low", dc.FirstHalfEf, dc.SecondHalfEf, Units.Round(activity.Decoupling, 2));
        }
        else
        {
            unavailable.Add(new UnavailableMetric("decoupling", series.HasHeartRate ? "each half needs heart rate and output samples" : "no heart-rate stream"));
        }

        RaceEffortComparison? efforts = null;
        var raceDay = DateOnly.FromDateTime(activity.StartDateLocal!.Value);
        var curveRange = new DateRange(raceDay.AddDays(-CurveDays), raceDay.AddDays(-1));
        try
        {
            efforts = await EffortsAsync(scope, activity, series, metrics, curveRange, ct);
        }
        catch (IntervalsException error) when (error.Kind is IntervalsErrorKind.NotFound or IntervalsErrorKind.InvalidRequest)
        {
            unavailable.Add(new UnavailableMetric("best_efforts", $"Intervals.icu has no {activity.Type} curve for {curveRange}"));
        }

        if (efforts is null && !unavailable.Any(u => u.Metric == "best_efforts"))
        {
            unavailable.Add(new UnavailableMetric("best_efforts", "no power stream and no distance stream to measure efforts"));
        }

        PlanComparison? plan = null;
        if (compareToPlanned)
        {
            plan = PlanOf(activity, raceEvent);
            if (raceEvent is null && activity.PairedEventId is null)
            {
                unavailable.Add(new UnavailableMetric("plan", includeEvents
                    ? "no RACE event on the calendar that day and the activity is not paired with a planned workout"
                    : "this connection has no 'get_events' access, so the planned race cannot be read"));
            }
        }

        return new RaceReport("found", null, activity.Id, TrainingHistory.LocalDate(activity), activity.Name, activity.Type, foundBy, raceEvent,
            summary, pacing, decoupling, efforts, plan, null, null, unavailable.Count > 0 ? unavailable : null);
    }

    /// <summary>True when the activity itself says it was a race: the race flag, a "race" tag or a RACE sub type.</summary>
    public static bool IsFlaggedRace(ActivityDto activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Race == true
            || string.Equals(activity.SubType, "RACE", StringComparison.OrdinalIgnoreCase)
            || (activity.Tags?.Any(t => t.Contains("race", StringComparison.OrdinalIgnoreCase)) ?? false);
    }

    /// <summary>
    /// Pacing over <see cref="Segments"/> equal-distance segments (equal-time segments without a distance stream): each
    /// sample (one recorded second) falls in the segment of its distance from the start.
    /// </summary>
    public static Pacing? PacingOf(ActivityStreamSeries series, string sport, string? paceUnits)
    {
        ArgumentNullException.ThrowIfNull(series);
        var n = series.RecordedSeconds;
        if (n < Segments)
        {
            return null;
        }

        var distance = series.Recorded.Distance.Span;
        var speed = series.Recorded.Speed.Span;
        var watts = series.Recorded.Watts.Span;
        var heartRate = series.Recorded.HeartRate.Span;
        double total = 0;
        foreach (var x in distance)
        {
            if (double.IsFinite(x) && x > total)
            {
                total = x;
            }
        }

        var byDistance = total > 0;
        var segment = new int[n];
        for (var i = 0; i < n; i++)
        {
            segment[i] = byDistance
                ? (i < distance.Length && double.IsFinite(distance[i]) ? Math.Min(Segments - 1, (int)(distance[i] / total * Segments)) : i == 0 ? 0 : segment[i - 1])
                : Math.Min(Segments - 1, i * Segments / n);
        }

        var meanSpeed = Mean(speed, n, null, 0);
        var rows = new List<PacingSegment>();
        for (var k = 0; k < Segments; k++)
        {
            var count = segment.Count(s => s == k);
            var segSpeed = Mean(speed, n, segment, k);
            rows.Add(new PacingSegment(
                k + 1,
                byDistance ? Math.Round(total * k / Segments / 1000, 2) : null,
                byDistance ? Math.Round(total * (k + 1) / Segments / 1000, 2) : null,
                count,
                segSpeed is { } v ? Math.Round(v * 3.6, 1) : null,
                sport.Contains("Ride", StringComparison.OrdinalIgnoreCase) ? null : paceUnits is null ? Units.Pace(segSpeed, sport) : PaceUnits.Format(segSpeed, paceUnits),
                Units.Round(Mean(watts, n, segment, k), 1),
                Units.Round(Mean(heartRate, n, segment, k, positiveOnly: true), 1),
                segSpeed is { } sv && meanSpeed is > 0 ? Math.Round((sv - meanSpeed.Value) / meanSpeed.Value * 100, 1) : null));
        }

        var firstHalf = rows.Take(Segments / 2).Sum(r => r.DurationS);
        var secondHalf = rows.Skip(Segments / 2).Sum(r => r.DurationS);
        double? split = firstHalf > 0 ? Math.Round((secondHalf - firstHalf) * 100.0 / firstHalf, 1) : null;
        var pattern = split switch
        {
            null => null,
            { } s when Math.Abs(s) < 2 => "even",
            > 0 => "positive split (slower second half)",
            _ => "negative split (faster second half)",
        };
        return new Pacing(byDistance ? "distance" : "time", rows, firstHalf, secondHalf, split, pattern);
    }

    /// <summary>The fewest recorded seconds in which the distance stream advanced by <paramref name="meters"/>; null when it never did.</summary>
    public static int? FastestSeconds(ReadOnlySpan<double> distance, double meters)
    {
        int? best = null;
        var start = 0;
        for (var end = 0; end < distance.Length; end++)
        {
            if (!double.IsFinite(distance[end]))
            {
                continue;
            }

            while (start < end && (!double.IsFinite(distance[start]) || distance[end] - distance[start] >= meters))
            {
                if (double.IsFinite(distance[start]) && (best is null || end - start < best))
                {
                    best = end - start;
                }

                start++;
            }
        }

        return best;
    }

    private async Task<(string? ActivityId, RaceEventView? Event, string FoundBy)?> FindAsync(
        AthleteScope scope, DateRange search, string? nameContains, bool includeEvents, CancellationToken ct)
    {
        var past = search.End <= scope.Today ? search : new DateRange(search.Start, scope.Today);
        IReadOnlyList<ActivityDto> activityList = past.Start <= past.End
            ? await reads.ListActivitiesAsync(scope.Credential, scope.AthleteId, past.Start, past.End, ct)
            : [];
        var candidates = new List<(DateOnly Date, string? ActivityId, RaceEventView? Event, string FoundBy)>();
        var paired = new HashSet<string>(StringComparer.Ordinal);
        if (includeEvents)
        {
            var events = (await reads.ListEventsAsync(scope.Credential, scope.AthleteId, search.Start, search.End, ct))
                .Where(e => e.Category is { } c && RaceCategories.Contains(c) && e.StartDateLocal is not null)
                .ToList();
            foreach (var e in events)
            {
                var day = DateOnly.FromDateTime(e.StartDateLocal!.Value);
                var done = activityList
                    .Where(a => a.StartDateLocal is { } s && DateOnly.FromDateTime(s) == day
                        && (a.PairedEventId == e.Id || string.IsNullOrWhiteSpace(e.Type) || e.Type == "Other" || TrainingHistory.MatchesSport(a, e.Type)))
                    .OrderByDescending(a => a.PairedEventId == e.Id)
                    .ThenByDescending(a => a.TrainingLoad ?? 0)
                    .ThenByDescending(a => a.MovingTime ?? 0)
                    .FirstOrDefault();
                if (!Matches(nameContains, e.Name, e.Description) && !(done is not null && Matches(nameContains, done.Name, done.Description)))
                {
                    continue;
                }

                if (done?.Id is { } id)
                {
                    paired.Add(id);
                }

                candidates.Add((day, done?.Id, EventView(e), $"calendar {e.Category} event {e.Id}"));
            }
        }

        foreach (var a in activityList.Where(a => a.Id is not null && !paired.Contains(a.Id) && IsFlaggedRace(a) && Matches(nameContains, a.Name, a.Description)))
        {
            candidates.Add((DateOnly.FromDateTime(a.StartDateLocal!.Value), a.Id, null,
                a.Race == true ? "activity race flag" : string.Equals(a.SubType, "RACE", StringComparison.OrdinalIgnoreCase) ? "activity sub type RACE" : "activity tag"));
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        // Prefer a race that was actually done, then the most recent.
        var pick = candidates.OrderByDescending(c => c.ActivityId is not null).ThenByDescending(c => c.Date).First();
        return (pick.ActivityId, pick.Event, pick.FoundBy);
    }

    private async Task<RaceReport> NoMatchAsync(AthleteScope scope, DateOnly? date, string? nameContains, bool includeEvents, string? why, CancellationToken ct)
    {
        var center = date ?? scope.Today;
        var around = new DateRange(center.AddDays(-CandidateDays), center.AddDays(CandidateDays));
        var candidates = new List<RaceCandidate>();
        if (includeEvents)
        {
            foreach (var e in (await reads.ListEventsAsync(scope.Credential, scope.AthleteId, around.Start, around.End, ct))
                         .Where(e => e.Category is { } c && RaceCategories.Contains(c) && e.StartDateLocal is not null)
                         .OrderBy(e => Math.Abs(DateOnly.FromDateTime(e.StartDateLocal!.Value).DayNumber - center.DayNumber)))
            {
                var day = DateOnly.FromDateTime(e.StartDateLocal!.Value);
                candidates.Add(new RaceCandidate(DateRange.Format(day), e.Name, e.Type, e.Id, e.Category, e.PairedActivityId,
                    day > scope.Today ? "planned race (in the future)" : "race on the calendar"));
            }
        }

        var pastEnd = around.End < scope.Today ? around.End : scope.Today;
        if (around.Start <= pastEnd)
        {
            var listed = await reads.ListActivitiesAsync(scope.Credential, scope.AthleteId, around.Start, pastEnd, ct);
            foreach (var a in listed.Where(IsFlaggedRace))
            {
                candidates.Add(new RaceCandidate(TrainingHistory.LocalDate(a), a.Name, a.Type, null, null, a.Id, "activity flagged as a race"));
            }

            if (date is { } day)
            {
                foreach (var a in listed.Where(a => a.StartDateLocal is { } s && Math.Abs(DateOnly.FromDateTime(s).DayNumber - day.DayNumber) <= 1 && !IsFlaggedRace(a)))
                {
                    candidates.Add(new RaceCandidate(TrainingHistory.LocalDate(a), a.Name, a.Type, null, null, a.Id,
                        "activity near the date, not marked as a race (tag it 'race' on Intervals.icu, or add a RACE event that day)"));
                }
            }
        }

        var asked = (date, string.IsNullOrWhiteSpace(nameContains)) switch
        {
            ({ } d, true) => $"on {DateRange.Format(d)}",
            ({ } d, false) => $"on {DateRange.Format(d)} matching '{nameContains!.Trim()}'",
            (null, false) => $"matching '{nameContains!.Trim()}' in the last {SearchDays} days",
            _ => $"in the last {SearchDays} days",
        };
        var message = why ?? $"No race found {asked} for {scope.Athlete.Name}: no RACE_A/B/C calendar event with a recorded activity, and no activity flagged as a race (race flag, 'race' tag or sub type).";
        if (!includeEvents)
        {
            message += " The calendar was not searched: this connection has no 'get_events' access.";
        }

        return new RaceReport("no_match", message, null, date is { } dd ? DateRange.Format(dd) : null, null, null, null, null, null, null, null, null, null, null,
            candidates.Count > 0 ? candidates.Take(12).ToList() : null, null);
    }

    private async Task<RaceEffortComparison?> EffortsAsync(
        AthleteScope scope, ActivityDto activity, ActivityStreamSeries series, ExtendedMetrics metrics, DateRange curveRange, CancellationToken ct)
    {
        var sport = activity.Type ?? "Ride";
        if (series.HasPower && metrics.MeanMax is { Count: > 0 } meanMax)
        {
            var report = await bestEfforts.FindAsync(scope, new BestEffortsRequest(AthleteBestEfforts.Power, curveRange, sport, [.. PowerDurationsS], null), ct);
            var rows = new List<RaceEffort>();
            foreach (var seconds in PowerDurationsS)
            {
                var label = PowerCurves.DurationLabel(seconds);
                var race = meanMax.FirstOrDefault(m => m.DurationS == seconds)?.PowerW;
                var best = report.Efforts.FirstOrDefault(e => e.DurationS == seconds);
                rows.Add(Compare(label, seconds, null, race, best?.PowerW, best, higherIsBetter: true,
                    race is null ? $"the race is shorter than {label}" : null));
            }

            return new RaceEffortComparison("power", "W", curveRange.ToString(), rows);
        }

        if (series.Recorded.Distance.IsEmpty)
        {
            return null;
        }

        var total = activity.BestDistance ?? 0;
        var distances = RunDistancesM.Where(m => m <= total + 1).ToList();
        if (distances.Count == 0)
        {
            distances = [Math.Floor(total / 100) * 100];
        }

        var paceReport = await bestEfforts.FindAsync(scope, new BestEffortsRequest(AthleteBestEfforts.Pace, curveRange, sport, null, distances), ct);
        var paceRows = new List<RaceEffort>();
        foreach (var meters in distances)
        {
            var label = AthleteBestEfforts.DistanceLabel(meters);
            var race = FastestSeconds(series.Recorded.Distance.Span, meters);
            var best = paceReport.Efforts.FirstOrDefault(e => e.DistanceM is { } m && Math.Abs(m - meters) < 0.5);
            paceRows.Add(Compare(label, null, meters, race, best?.TimeS, best, higherIsBetter: false,
                race is null ? $"the distance stream never covered {label}" : null));
        }

        return new RaceEffortComparison("pace", "s", curveRange.ToString(), paceRows);
    }

    private static RaceEffort Compare(string label, int? seconds, double? meters, double? race, double? best, BestEffortRow? bestRow, bool higherIsBetter, string? raceMissing)
    {
        var unavailable = raceMissing ?? (best is null ? bestRow?.Unavailable ?? "no curve point" : null);
        double? pct = race is { } r && best is > 0 ? Math.Round((higherIsBetter ? r / best.Value : best.Value / r) * 100, 1) : null;
        bool? newBest = race is { } rr && best is { } b ? (higherIsBetter ? rr > b : rr < b) : null;
        return new RaceEffort(label, seconds, meters, race is { } v ? Math.Round(v, 1) : null, best, pct, newBest, bestRow?.ActivityId, bestRow?.Date, unavailable);
    }

    private static RaceSummary SummaryOf(ActivityDto a, SportSettingsDto? settings)
    {
        var sport = a.Type ?? "";
        var ride = sport.Contains("Ride", StringComparison.OrdinalIgnoreCase);
        return new RaceSummary(
            a.MovingTime,
            a.ElapsedTime,
            Units.Km(a.BestDistance),
            a.TotalElevationGain is > 0 ? (int)Math.Round(a.TotalElevationGain.Value) : null,
            a.TrainingLoad,
            a.Intensity is { } i ? Math.Round(i > 3 ? i / 100.0 : i, 2) : null,
            a.AverageWatts,
            a.WeightedAverageWatts,
            a.AverageHeartrate,
            a.MaxHeartrate,
            ride ? null : settings?.PaceUnits is { } units ? PaceUnits.Format(a.AverageSpeed, units) : Units.Pace(a.AverageSpeed, sport),
            a.AverageSpeed is > 0 ? Math.Round(a.AverageSpeed.Value * 3.6, 1) : null);
    }

    private static PlanComparison? PlanOf(ActivityDto activity, RaceEventView? raceEvent)
    {
        if (raceEvent is null && activity.PairedEventId is null)
        {
            return null;
        }

        var actualKm = Units.Km(activity.BestDistance);
        var actualS = activity.MovingTime ?? activity.ElapsedTime;
        double? Diff(double? actual, double? planned) => actual is { } x && planned is > 0 ? Math.Round((x - planned.Value) / planned.Value * 100, 1) : null;
        return new PlanComparison(
            raceEvent?.Id,
            activity.PairedEventId,
            raceEvent?.DistanceKm,
            actualKm,
            Diff(actualKm, raceEvent?.DistanceKm),
            raceEvent?.DurationS,
            actualS,
            Diff(actualS, raceEvent?.DurationS),
            raceEvent?.Load,
            activity.TrainingLoad,
            raceEvent?.Goal,
            raceEvent is null ? $"no RACE event that day; the activity is paired with planned event {activity.PairedEventId}" : null);
    }

    private static RaceEventView EventView(EventDto e) => new(
        e.Id ?? 0,
        DateRange.Format(DateOnly.FromDateTime(e.StartDateLocal!.Value)),
        e.Category ?? "RACE",
        e.Name,
        e.Type,
        Units.Km(e.Distance),
        e.MovingTime is > 0 ? e.MovingTime : null,
        e.TrainingLoad,
        string.IsNullOrWhiteSpace(e.Description) ? null : e.Description.Length > 300 ? e.Description[..300] + "…" : e.Description);

    private static bool Matches(string? text, params string?[] fields) =>
        string.IsNullOrWhiteSpace(text) || fields.Any(f => f?.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The mean of the finite samples (positive only for heart rate) of segment <paramref name="k"/>, or of all samples when <paramref name="segment"/> is null.</summary>
    private static double? Mean(ReadOnlySpan<double> values, int n, int[]? segment, int k, bool positiveOnly = false)
    {
        double sum = 0;
        var count = 0;
        for (var i = 0; i < n && i < values.Length; i++)
        {
            if ((segment is null || segment[i] == k) && double.IsFinite(values[i]) && (!positiveOnly || values[i] > 0))
            {
                sum += values[i];
                count++;
            }
        }

        return count > 0 ? sum / count : null;
    }
}
