using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IcuSync.Analytics.Distribution;
using IcuSync.Analytics.Load;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;
using IcuSync.Workouts;

namespace IcuSync.Server.Coaching;

/// <summary>What a plan starts from: fitness, recent volume and the sports the athlete trains.</summary>
/// <param name="Ctl">Fitness (CTL) on the day before the plan starts (projected with planned workouts when that day is ahead); null when unknown.</param>
/// <param name="Atl">Fatigue (ATL) on the same day.</param>
/// <param name="FitnessOn">The day <paramref name="Ctl"/> is for.</param>
/// <param name="RecentWeeks">Whole weeks read for the recent volume (the 8 before the current week).</param>
/// <param name="RecentWeeklySecs">Average weekly moving time of the last 4 of them, seconds.</param>
/// <param name="RecentWeeklyLoad">Average weekly load of the last 4 of them.</param>
/// <param name="Sports">The sports to plan, largest share first (Ride, Run, Swim with ≥ 15 % of the time).</param>
/// <param name="Thresholds">Per sport, the thresholds the workout targets and loads use (e.g. <c>FTP 250 W</c>).</param>
public sealed record PlanBaseline(
    double? Ctl,
    double? Atl,
    DateOnly FitnessOn,
    int RecentWeeks,
    int RecentWeeklySecs,
    int RecentWeeklyLoad,
    IReadOnlyList<PlanSport> Sports,
    IReadOnlyDictionary<string, string?> Thresholds);

/// <summary>The race a plan tapers to.</summary>
/// <param name="Date">Race day.</param>
/// <param name="Name">Its name on the calendar, when found there.</param>
/// <param name="EventId">The RACE event's id, when found.</param>
/// <param name="Category"><c>RACE_A</c>, <c>RACE_B</c> or <c>RACE_C</c>, when found.</param>
public sealed record RaceTarget(DateOnly Date, string? Name, long? EventId, string? Category);

/// <summary>One checked session of a plan, with its external id and IcuSync's totals.</summary>
/// <param name="Session">What the planner built.</param>
/// <param name="Analysis">The rule check and totals of its text.</param>
/// <param name="ExternalId">The id the bulk upsert writes it under (athlete + plan + date + slot).</param>
/// <param name="Text">The canonical text that is written.</param>
public sealed record CheckedSession(PlanSession Session, WorkoutAnalysis Analysis, string ExternalId, string Text)
{
    public int? Load => Analysis.EstimatedLoad is { } load ? (int)Math.Round(load) : null;
}

/// <summary>A checked week with its projected end-of-week fitness.</summary>
public sealed record CheckedWeek(PlanWeekDraft Draft, IReadOnlyList<CheckedSession> Sessions, int? Load, double? CtlEnd);

/// <summary>A built and checked plan, ready to show as text or to write.</summary>
/// <param name="Key">The plan's id part of every external id (athlete + period).</param>
/// <param name="Request">What was planned.</param>
/// <param name="Weeks">The weeks.</param>
/// <param name="Errors">Rule errors in any workout (a bug if ever non-empty: the planner writes valid text).</param>
/// <param name="Warnings">Rule warnings.</param>
/// <param name="PlanTextErrors">Errors the plan-level checker (<see cref="WorkoutText.AnalyzePlan"/>) found in <paramref name="Text"/>.</param>
/// <param name="Text">The plan in the #WEEK text format.</param>
/// <param name="LoadsComplete">False when some session has no load (a threshold is missing for its target type).</param>
public sealed record CheckedPlan(
    string Key,
    PlanRequest Request,
    IReadOnlyList<CheckedWeek> Weeks,
    IReadOnlyList<RuleIssue> Errors,
    IReadOnlyList<RuleIssue> Warnings,
    int PlanTextErrors,
    string Text,
    bool LoadsComplete)
{
    public IEnumerable<CheckedSession> Sessions => Weeks.SelectMany(w => w.Sessions);

    /// <summary>The deterministic text of every event the plan writes and removes (what a confirm code authorises).</summary>
    public string Canonical(IReadOnlyList<PlannedEventRow> remove)
    {
        ArgumentNullException.ThrowIfNull(remove);
        var text = new StringBuilder("plan=").Append(Key);
        text.Append("\nremove=").Append(string.Join(',', remove.Select(r => r.Id.ToString(CultureInfo.InvariantCulture))));
        foreach (var s in Sessions)
        {
            text.Append("\n\u001e").Append(s.ExternalId).Append('|').Append(DateRange.Format(s.Session.Date)).Append('|')
                .Append(s.Session.Sport).Append('|').Append(s.Session.Name).Append('\n').Append(s.Text);
        }

        return text.ToString();
    }
}

/// <summary>How the plan's events stand on the calendar now.</summary>
/// <param name="Existing">This plan's events already on the calendar, by external id.</param>
/// <param name="Conflicts">Other planned workouts on the plan's days (not part of this plan).</param>
/// <param name="Stale">Events of an earlier version of this plan (same athlete and period) that the new one no longer holds.</param>
public sealed record PlanCalendar(IReadOnlyDictionary<string, EventDto> Existing, IReadOnlyList<PlannedEventRow> Conflicts, IReadOnlyList<PlannedEventRow> Stale)
{
    /// <summary>The stale events a write removes: those not yet completed, when the connection may delete workouts.</summary>
    public IReadOnlyList<PlannedEventRow> Removable(bool mayDelete) =>
        mayDelete ? [.. Stale.Where(s => s.PairedActivityId is not { Length: > 0 })] : [];

    /// <summary>True when the event already holds exactly this session.</summary>
    public bool IsUnchanged(CheckedSession s) =>
        Existing.TryGetValue(s.ExternalId, out var e)
        && e.Name == s.Session.Name && e.Type == s.Session.Sport && e.Category == EventDto.WorkoutCategory
        && PlannedWorkouts.DateOf(e) == s.Session.Date
        && PlannedWorkouts.NormalizeNewlines(e.Description ?? "") == s.Text;
}

/// <summary>The outcome of writing a plan.</summary>
/// <param name="Saved">Every event of the plan after the write, by external id.</param>
/// <param name="Created">Events created.</param>
/// <param name="Updated">Events changed in place.</param>
/// <param name="Unchanged">Events that already held their session (not sent).</param>
/// <param name="Removed">Stale events of an earlier version of the plan that were deleted.</param>
/// <param name="ParseProblems">Events Intervals.icu did not parse into the expected steps and duration.</param>
public sealed record PlanWrite(IReadOnlyDictionary<string, EventDto> Saved, int Created, int Updated, int Unchanged, int Removed, IReadOnlyList<string> ParseProblems);

/// <summary>
/// Periodised training plans: reads the athlete's baseline (CTL, recent volume, sports, thresholds), finds the target race,
/// checks every planned workout with IcuSync.Workouts, renders the #WEEK text, and writes the plan in one idempotent bulk
/// upsert keyed by external id.
/// </summary>
public sealed class TrainingPlans(IntervalsReads reads, FitnessSeries fitness, TrainingSummaries summaries, PlannedWorkouts workouts, AthleteProfiles profiles)
{
    /// <summary>Weeks of history read for the sport mix; the last <see cref="VolumeWeeks"/> of them give the recent volume.</summary>
    public const int HistoryWeeks = 8;

    public const int VolumeWeeks = 4;

    /// <summary>The smallest share of recent training time for a sport to be planned.</summary>
    public const double MinSportShare = 0.15;

    public async Task<PlanBaseline> BaselineAsync(AthleteScope scope, DateOnly start, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var thisWeek = TrainingPlanner.Monday(scope.Today);
        var history = new DateRange(thisWeek.AddDays(-7 * HistoryWeeks), thisWeek.AddDays(-1));
        var summary = await summaries.SummarizeAsync(scope, history, SummaryPeriod.Week, ct);
        var recent = summary.Periods.TakeLast(VolumeWeeks).ToList();
        var weeklySecs = recent.Count == 0 ? 0 : (int)recent.Average(p => p.DurationS);
        var weeklyLoad = recent.Count == 0 ? 0 : (int)Math.Round(recent.Average(p => p.Load));

        var seedDay = start.AddDays(-1);
        var report = await fitness.GetAsync(scope, new DateRange(seedDay, seedDay), ct);
        var day = report.Days.LastOrDefault();

        var time = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (type, totals) in summary.Totals.BySport ?? new Dictionary<string, SportTotals>())
        {
            if (Family(type) is { } family)
            {
                time[family] = time.GetValueOrDefault(family) + totals.DurationS;
            }
        }

        var total = time.Values.Sum();
        var chosen = time.Where(t => total > 0 && t.Value / total >= MinSportShare).OrderByDescending(t => t.Value).Take(3).ToList();
        if (chosen.Count == 0)
        {
            var (_, settings) = await profiles.GetAsync(scope.Credential, scope.AthleteId, ct);
            var sport = settings.SelectMany(s => s.Types ?? []).Select(Family).FirstOrDefault(f => f is not null) ?? "Ride";
            chosen = [new KeyValuePair<string, double>(sport, 1)];
        }

        var chosenTotal = chosen.Sum(c => c.Value);
        var sports = new List<PlanSport>();
        var thresholds = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (sport, secs) in chosen)
        {
            var (context, text) = await workouts.ContextAsync(scope, sport, null, ct);
            sports.Add(new PlanSport(sport, Math.Round(secs / chosenTotal, 3), context));
            thresholds[sport] = text;
        }

        return new PlanBaseline(day?.Ctl, day?.Atl, seedDay, summary.Periods.Count, weeklySecs, weeklyLoad, sports, thresholds);
    }

    /// <summary>
    /// The race named by <paramref name="targetRace"/>: a date (YYYY-MM-DD; the RACE event that day names it when there is
    /// one) or a fragment of a RACE event's name within the next year.
    /// </summary>
    public async Task<RaceTarget?> FindRaceAsync(AthleteScope scope, string? targetRace, DateOnly start, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (string.IsNullOrWhiteSpace(targetRace))
        {
            return null;
        }

        var text = targetRace.Trim();
        var horizon = scope.Today.AddDays(365);
        var races = (await reads.ListEventsAsync(scope.Credential, scope.AthleteId, scope.Today, horizon, ct))
            .Where(e => e.Category?.StartsWith("RACE", StringComparison.OrdinalIgnoreCase) == true)
            .OrderBy(e => e.StartDateLocal)
            .ToList();
        RaceTarget race;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var named = races.FirstOrDefault(e => PlannedWorkouts.DateOf(e) == date);
            race = new RaceTarget(date, named?.Name, named?.Id, named?.Category);
        }
        else
        {
            var matches = races.Where(e => e.Name?.Contains(text, StringComparison.OrdinalIgnoreCase) == true).ToList();
            if (matches.Count == 0)
            {
                throw ToolFailure.BadArgument("target_race", "a race date YYYY-MM-DD, or a word from the name of a RACE_A/B/C event on the calendar",
                    races.Count == 0
                        ? $"no race on {scope.Athlete.Name}'s calendar in the next 12 months matches '{ToolArguments.Shorten(text)}' (there are no RACE events); pass the race date instead"
                        : $"no race matches '{ToolArguments.Shorten(text)}'. Races on the calendar: " +
                          string.Join("; ", races.Take(8).Select(r => $"{r.Name} ({DateRange.Format(PlannedWorkouts.DateOf(r))}, id {r.Id})")));
            }

            if (matches.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                throw ToolFailure.BadArgument("target_race", "a fragment that names one race, or the race date",
                    $"'{ToolArguments.Shorten(text)}' matches several races: " +
                    string.Join("; ", matches.Take(8).Select(r => $"{r.Name} ({DateRange.Format(PlannedWorkouts.DateOf(r))})")));
            }

            var first = matches[0];
            race = new RaceTarget(PlannedWorkouts.DateOf(first), first.Name, first.Id, first.Category);
        }

        if (race.Date < start)
        {
            throw ToolFailure.BadArgument("target_race", $"a race on or after period_start {DateRange.Format(start)}",
                $"{race.Name ?? "the race"} is on {DateRange.Format(race.Date)}");
        }

        return race;
    }

    /// <summary>Checks every session with the rule checker (against its own declared duration), projects fitness and renders the plan text.</summary>
    public static CheckedPlan Check(string athleteId, PlanRequest request, IReadOnlyList<PlanWeekDraft> drafts, PlanBaseline baseline)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(baseline);
        var key = PlanKey(athleteId, request.Start, request.End);
        var errors = new List<RuleIssue>();
        var warnings = new List<RuleIssue>();
        var weeks = new List<CheckedWeek>();
        var loads = new double[request.End.DayNumber - request.Start.DayNumber + 1];
        var complete = true;
        foreach (var draft in drafts)
        {
            var sessions = new List<CheckedSession>();
            foreach (var session in draft.Sessions)
            {
                var context = request.Sports.First(s => s.Sport == session.Sport).Context with { DeclaredDurationSecs = session.DurationSecs };
                var analysis = WorkoutText.Analyze(session.Text, context);
                foreach (var finding in analysis.Findings)
                {
                    var issue = new RuleIssue(finding.Code, finding.Line, finding.Column > 0 ? finding.Column : null,
                        $"{DateRange.Format(session.Date)} {session.Name}: {finding.Message}", finding.Fix, "plan");
                    (finding.Severity == RuleSeverity.Error ? errors : warnings).Add(issue);
                }

                var checkedSession = new CheckedSession(session, analysis, ExternalId(key, session.Date, session.Slot), analysis.Canonical);
                sessions.Add(checkedSession);
                if (checkedSession.Load is { } load)
                {
                    loads[session.Date.DayNumber - request.Start.DayNumber] += load;
                }
                else
                {
                    complete = false;
                }
            }

            weeks.Add(new CheckedWeek(draft, sessions, sessions.Count == 0 || sessions.Any(s => s.Load is not null) ? sessions.Sum(s => s.Load ?? 0) : null, null));
        }

        if (baseline.Ctl is { } ctl && baseline.Atl is { } atl && loads.Length > 0)
        {
            var pmc = Pmc.Compute(request.Start, loads, new PmcOptions { Seed = new PmcSeed(ctl, atl) });
            weeks = [.. weeks.Select(w => w with { CtlEnd = pmc.On(w.Draft.End) is { } d ? Math.Round(d.Ctl, 1) : null })];
        }

        var text = Render(request, weeks, baseline);
        var primary = request.Sports[0].Context;
        var planCheck = WorkoutText.AnalyzePlan(text, primary);
        return new CheckedPlan(key, request, weeks, errors, warnings, planCheck.Errors.Count, text, complete);
    }

    /// <summary>The plan's events on the calendar now (read fresh: a write is decided on it).</summary>
    public async Task<PlanCalendar> CalendarAsync(AthleteScope scope, CheckedPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(plan);
        var ours = plan.Sessions.Select(s => s.ExternalId).ToHashSet(StringComparer.Ordinal);
        var days = plan.Sessions.Select(s => s.Session.Date).ToHashSet();
        var events = await reads.Client.ListEventsAsync(scope.Credential, scope.AthleteId, plan.Request.Start, plan.Request.End, null, ct);
        var prefix = "icusync-plan-" + plan.Key + "-";
        var existing = new Dictionary<string, EventDto>(StringComparer.Ordinal);
        var stale = new List<PlannedEventRow>();
        var conflicts = new List<PlannedEventRow>();
        foreach (var e in events)
        {
            if (e.ExternalId is { } id && ours.Contains(id))
            {
                existing[id] = e;
            }
            else if (e.ExternalId?.StartsWith(prefix, StringComparison.Ordinal) == true)
            {
                stale.Add(PlannedWorkouts.Row(e));
            }
            else if (e.Category == EventDto.WorkoutCategory && days.Contains(PlannedWorkouts.DateOf(e)))
            {
                conflicts.Add(PlannedWorkouts.Row(e));
            }
        }

        return new PlanCalendar(existing, conflicts, stale);
    }

    /// <summary>
    /// Writes every new or changed session in ONE bulk upsert by external id (so re-running the plan updates the same
    /// events instead of adding more), skipping sessions the calendar already holds unchanged and planned workouts already
    /// completed. Checks that Intervals.icu parsed what was sent. Then deletes <paramref name="remove"/> (the stale events
    /// of an earlier version of the same plan, as previewed) in one bulk delete.
    /// </summary>
    public async Task<PlanWrite> WriteAsync(AthleteScope scope, CheckedPlan plan, PlanCalendar calendar, IReadOnlyList<PlannedEventRow> remove, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(remove);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(calendar);
        var saved = new Dictionary<string, EventDto>(calendar.Existing, StringComparer.Ordinal);
        var send = new List<EventDto>();
        var unchanged = 0;
        foreach (var s in plan.Sessions)
        {
            if (calendar.IsUnchanged(s) || (calendar.Existing.TryGetValue(s.ExternalId, out var done) && done.PairedActivityId is { Length: > 0 }))
            {
                unchanged++;
                continue;
            }

            send.Add(new EventDto
            {
                Category = EventDto.WorkoutCategory,
                StartDateLocal = s.Session.Date.ToDateTime(TimeOnly.MinValue),
                Name = s.Session.Name,
                Description = s.Text,
                Type = s.Session.Sport,
                ExternalId = s.ExternalId,
            });
        }

        var problems = new List<string>();
        var created = 0;
        if (send.Count > 0)
        {
            var result = await reads.Client.UpsertEventsAsync(scope.Credential, scope.AthleteId, send, ct);
            await reads.InvalidateAthleteAsync(scope.AthleteId, ct);
            var expected = plan.Sessions.ToDictionary(s => s.ExternalId, StringComparer.Ordinal);
            foreach (var e in result)
            {
                if (e.ExternalId is not { } id)
                {
                    continue;
                }

                created += calendar.Existing.ContainsKey(id) ? 0 : 1;
                saved[id] = e;
                if (expected.TryGetValue(id, out var s) && ParseProblem(e, s) is { } problem)
                {
                    problems.Add(problem);
                }
            }
        }

        var removed = 0;
        if (remove.Count > 0)
        {
            removed = await reads.Client.DeleteEventsAsync(scope.Credential, scope.AthleteId, [.. remove.Select(r => new DoomedEventDto { Id = r.Id })], ct);
            await reads.InvalidateAthleteAsync(scope.AthleteId, ct);
        }

        return new PlanWrite(saved, created, send.Count - created, unchanged, removed, problems);
    }

    /// <summary>The plan part of the external ids: athlete and period, so re-planning the same period updates the same events.</summary>
    public static string PlanKey(string athleteId, DateOnly start, DateOnly end) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{athleteId}\u001f{DateRange.Format(start)}\u001f{DateRange.Format(end)}")))[..10];

    public static string ExternalId(string key, DateOnly date, int slot) =>
        string.Create(CultureInfo.InvariantCulture, $"icusync-plan-{key}-{date:yyyyMMdd}-{slot}");

    /// <summary>The 3-zone split of sessions and its label (IcuSync.Analytics).</summary>
    public static (double Low, double Moderate, double High, string Model) Split(IEnumerable<PlanSession> sessions)
    {
        var list = sessions.ToList();
        var distribution = TrainingIntensity.FromThreeZones(list.Sum(s => s.LowSecs), list.Sum(s => s.ModerateSecs), list.Sum(s => s.HighSecs));
        return distribution is null
            ? (0, 0, 0, "none")
            : (Math.Round(distribution.LowFraction * 100, 1), Math.Round(distribution.ModerateFraction * 100, 1),
                Math.Round(distribution.HighFraction * 100, 1), distribution.Model.ToString().ToLowerInvariant());
    }

    /// <summary>H:MM for plan texts and totals.</summary>
    public static string Clock(int seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds % 3600 / 60:00}");

    private static string? ParseProblem(EventDto e, CheckedSession s)
    {
        var steps = e.WorkoutDoc is { ValueKind: JsonValueKind.Object } doc && doc.TryGetProperty("steps", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.GetArrayLength()
            : 0;
        var expected = s.Analysis.DurationSecs;
        if (steps == 0)
        {
            return $"event {e.Id} ({DateRange.Format(s.Session.Date)} {s.Session.Name}): Intervals.icu parsed no steps";
        }

        return e.MovingTime is { } got && Math.Abs(got - expected) > Math.Max(60, expected / 50)
            ? $"event {e.Id} ({DateRange.Format(s.Session.Date)} {s.Session.Name}): Intervals.icu computed {Clock(got)}, IcuSync {Clock(expected)}"
            : null;
    }

    private static string? Family(string? type) =>
        type is null ? null
        : WorkoutSports.IsCycling(type) ? "Ride"
        : type.Contains("Swim", StringComparison.OrdinalIgnoreCase) ? "Swim"
        : type is "Run" or "VirtualRun" or "TrailRun" ? "Run"
        : null;

    /// <summary>The plan in the #WEEK format: day lines with H:MM and a readable name, the steps, then the weekly totals.</summary>
    private static string Render(PlanRequest request, List<CheckedWeek> weeks, PlanBaseline baseline)
    {
        var text = new StringBuilder();
        foreach (var week in weeks)
        {
            var draft = week.Draft;
            text.Append("#WEEK ").Append(draft.Number.ToString(CultureInfo.InvariantCulture)).Append('\n');
            for (var day = draft.Start; day <= draft.End; day = day.AddDays(1))
            {
                var dayName = day.DayOfWeek.ToString();
                var onDay = week.Sessions.Where(s => s.Session.Date == day).ToList();
                if (day == request.RaceDate)
                {
                    text.Append(dayName).Append(", REST, Race: ").Append(request.RaceName ?? "target race").Append(" (already on the calendar; not part of this plan)\n");
                    continue;
                }

                if (onDay.Count == 0)
                {
                    text.Append(dayName).Append(", REST\n");
                    continue;
                }

                foreach (var s in onDay)
                {
                    text.Append(dayName).Append(", ").Append(Clock(s.Analysis.DurationSecs)).Append(", ").Append(s.Session.Name).Append('\n')
                        .Append(s.Text).Append("\n\n");
                }
            }

            var (low, moderate, high, _) = Split(week.Sessions.Select(s => s.Session));
            text.Append("Weekly totals:\n")
                .Append("- Time: ").Append(Clock(week.Sessions.Sum(s => s.Analysis.DurationSecs))).Append('\n')
                .Append("- Load: ").Append(week.Load is { } load ? load.ToString(CultureInfo.InvariantCulture) + " (estimated)" : "unavailable (no thresholds)").Append('\n')
                .Append("- Sessions: ").Append(week.Sessions.Count.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append("- Phase: ").Append(draft.Phase).Append(" (").Append(DateRange.Format(draft.Start)).Append("..").Append(DateRange.Format(draft.End)).Append(")\n")
                .Append(string.Create(CultureInfo.InvariantCulture, $"- Zone distribution: {low:0}% low (Z1-Z2), {moderate:0}% moderate (Z3-Z4), {high:0}% high (Z5+)\n"))
                .Append('\n');
        }

        text.Append("Key decisions:\n");
        foreach (var line in KeyDecisions(request, baseline, weeks))
        {
            text.Append("- ").Append(line).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>Why the plan looks as it does, in a few lines.</summary>
    public static IReadOnlyList<string> KeyDecisions(PlanRequest request, PlanBaseline baseline, IReadOnlyList<CheckedWeek> weeks)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(weeks);
        var pct = (double f) => (f * 100).ToString("0", CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            $"Start volume {Clock(request.StartSecsPerWeek)} per week (last {VolumeWeeks} weeks averaged {Clock(baseline.RecentWeeklySecs)}), " +
            $"+{pct(TrainingPlanner.BuildGrowth)}% per build week, never above the {Clock(request.MaxSecsPerWeek)} cap.",
            request.Focus switch
            {
                PlanFocus.Intensity or PlanFocus.Specific => $"Recovery week every 3rd week at {pct(TrainingPlanner.RecoveryWeekFactor)}% of the build week before it.",
                PlanFocus.AerobicBase => $"Recovery week every 4th week at {pct(TrainingPlanner.RecoveryWeekFactor)}% of the build week before it.",
                PlanFocus.Taper => "Taper block: volume falls 70 → 60 → 50% of the start volume while short intensity stays.",
                _ => $"Recovery block: {pct(TrainingPlanner.RecoveryBlockFactor)}% of the start volume, easy sessions only.",
            },
            request.Focus switch
            {
                PlanFocus.AerobicBase => "Focus aerobic_base: pyramidal, mostly Z1-Z2 with one sweet-spot/tempo session and short sprints.",
                PlanFocus.Intensity => "Focus intensity: polarised, a VO2max and a 30/30 microburst session on an easy base.",
                PlanFocus.Specific => "Focus specific: race-pace intervals, VO2max, and race-pace blocks inside the long session.",
                PlanFocus.Taper => "Focus taper: sharpeners and openers keep intensity while volume drops.",
                _ => "Focus recovery: easy and recovery sessions only.",
            },
            "Sports: " + string.Join(", ", request.Sports.Select(s => $"{s.Sport} {pct(s.Share)}%")) + " of recent training time; the primary sport takes the long and key sessions.",
        };
        if (request.RaceDate is { } race)
        {
            lines.Add($"Race {request.RaceName ?? "(target)"} on {DateRange.Format(race)} ({race.DayOfWeek}): taper week before it at {pct(TrainingPlanner.TaperWeekFactor)}% " +
                $"of the peak, race week {pct(TrainingPlanner.RaceWeekFactor)}% with openers the day before, recovery week after at {pct(TrainingPlanner.PostRaceFactor)}%.");
        }

        if (baseline.Ctl is { } ctl && weeks.LastOrDefault()?.CtlEnd is { } end)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"CTL {ctl:0.0} on {DateRange.Format(baseline.FitnessOn)} → projected {end:0.0} at the end (planned loads only)."));
        }

        return lines;
    }
}
