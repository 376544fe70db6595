using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Intents;

[McpServerToolType]
public sealed class PlanTrainingIntent(ToolRuntime runtime, TrainingPlans plans, WriteGate gate)
{
    public const string Name = "plan_training";

    public const string CalendarOutput = "calendar";
    public const string TextOutput = "text";

    [McpServerTool(Name = Name, Title = "Plan training", ReadOnly = false, Idempotent = true, Destructive = false, OpenWorld = true)]
    [Description("Periodised plan (1-26 weeks) from CTL, recent volume and sport mix, under max_hours_per_week: +6%/week, recovery week " +
        "every 3-4, focus mix (aerobic_base pyramidal, intensity polarised, specific, taper, recovery), taper before target_race; every " +
        "workout passes the rule checker. First get tier-1 context (manage_profile, analyze_training period, assess_recovery). output=text returns the #WEEK plan and writes nothing. calendar: " +
        "dry run, then after approval dry_run:false + confirm. Re-runs update the same events.")]
    public Task<CallToolResult> PlanTrainingAsync(
        [Description("YYYY-MM-DD; default next Monday.")] string? period_start = null,
        [Description("YYYY-MM-DD; default +4 weeks, max 26.")] string? period_end = null,
        [Description("aerobic_base|intensity|specific|taper|recovery.")] string? focus = null,
        [Description("Weekly cap, hours; default recent +10%.")] double? max_hours_per_week = null,
        [Description("Race date, or a word of its RACE event name.")] string? target_race = null,
        [Description("calendar (default) or text.")] string? output = null,
        [Description("Default true: preview only.")] bool? dry_run = null,
        [Description("Code from the dry run.")] JsonElement? confirm = null,
        [Description("Name or id (default: selected).")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var today = scope.Today;
            var start = ToolArguments.OptionalDate(period_start, "period_start") ?? TrainingPlanner.Monday(today).AddDays(today.DayOfWeek == DayOfWeek.Monday ? 0 : 7);
            var end = ToolArguments.OptionalDate(period_end, "period_end") ?? start.AddDays(27);
            if (start < today)
            {
                throw ToolFailure.BadArgument("period_start", $"today ({DateRange.Format(today)}, athlete-local) or a later date: a plan cannot start in the past", $"got {DateRange.Format(start)}");
            }

            if (start > today.AddYears(1))
            {
                throw ToolFailure.BadArgument("period_start", $"a date within a year of today ({DateRange.Format(today)})", $"got {DateRange.Format(start)}");
            }

            if (end < start)
            {
                throw ToolFailure.BadArgument("period_end", $"a date on or after period_start {DateRange.Format(start)}", $"got {DateRange.Format(end)}");
            }

            if (end.DayNumber - start.DayNumber + 1 > TrainingPlanner.MaxWeeks * 7)
            {
                throw ToolFailure.BadArgument("period_end", $"at most {TrainingPlanner.MaxWeeks} weeks ({TrainingPlanner.MaxWeeks * 7} days) after period_start; plan longer seasons block by block",
                    $"{DateRange.Format(start)}..{DateRange.Format(end)} spans {end.DayNumber - start.DayNumber + 1} days");
            }

            if (max_hours_per_week is { } given && (!double.IsFinite(given) || given < TrainingPlanner.MinHoursPerWeek || given > TrainingPlanner.MaxHoursPerWeek))
            {
                throw ToolFailure.BadArgument("max_hours_per_week", $"hours per week from {TrainingPlanner.MinHoursPerWeek.ToString(CultureInfo.InvariantCulture)} to {TrainingPlanner.MaxHoursPerWeek.ToString(CultureInfo.InvariantCulture)}, e.g. 8 or 6.5",
                    string.Create(CultureInfo.InvariantCulture, $"got {given}"));
            }

            var focusName = ToolArguments.Choice(focus, "focus", "aerobic_base", "aerobic_base", "intensity", "specific", "taper", "recovery");
            var mode = ToolArguments.Choice(output, "output", CalendarOutput, CalendarOutput, TextOutput);
            if (mode == CalendarOutput)
            {
                // Checked before any work: a preview the connection could never confirm helps no one.
                scope.Require("push_workout");
            }

            var baseline = await plans.BaselineAsync(scope, start, cancellationToken);
            var race = await plans.FindRaceAsync(scope, target_race, start, cancellationToken);
            var assumed = max_hours_per_week is null;
            var capHours = max_hours_per_week
                ?? Math.Clamp(Math.Round(baseline.RecentWeeklySecs / 3600.0 * 1.1 * 2, MidpointRounding.AwayFromZero) / 2, 3, TrainingPlanner.MaxHoursPerWeek);
            var capSecs = (int)Math.Round(capHours * 3600);
            var recentOrFitness = baseline.RecentWeeklySecs > 0 ? baseline.RecentWeeklySecs
                : baseline.Ctl is { } ctl && ctl > 0 ? (int)(ctl * 7 / 55 * 3600)
                : (int)(0.6 * capSecs);
            var startSecs = Math.Min(capSecs, Math.Max(recentOrFitness, 2 * 3600));
            var request = new PlanRequest(start, end, TrainingPlanner.ParseFocus(focusName), capSecs, startSecs, race?.Date, race?.Name, baseline.Sports);
            var plan = TrainingPlans.Check(scope.AthleteId, request, TrainingPlanner.Build(request), baseline);

            var weeks = plan.Weeks.Select(WeekRow).ToList();
            var capRespected = plan.Weeks.All(w => w.Sessions.Sum(s => s.Analysis.DurationSecs) <= capSecs);
            var validation = new PlanValidation(plan.Sessions.Count(), plan.Errors.Count, plan.Warnings.Count,
                plan.Errors.Count + plan.Warnings.Count > 0 ? [.. plan.Errors.Concat(plan.Warnings).Take(20)] : null, capRespected, plan.PlanTextErrors);
            var basis = new PlanBasis(DateRange.Format(start), DateRange.Format(end), focusName, Math.Round(capHours, 2), assumed ? true : null,
                baseline.Ctl, baseline.Atl, DateRange.Format(baseline.FitnessOn), Math.Round(baseline.RecentWeeklySecs / 3600.0, 2),
                baseline.RecentWeeklyLoad, TrainingPlans.VolumeWeeks, Math.Round(startSecs / 3600.0, 2),
                [.. baseline.Sports.Select(s => new PlanSportRow(s.Sport, Math.Round(s.Share * 100, 1), baseline.Thresholds.GetValueOrDefault(s.Sport)))],
                race is null ? null : new PlanRaceRow(DateRange.Format(race.Date), race.Name, race.EventId, race.Category,
                    RaceNote(race.Date, end)));
            var totals = Totals(plan, capHours);
            var decisions = TrainingPlans.KeyDecisions(request, baseline, plan.Weeks);
            var unavailable = Unavailable(plan, baseline);
            if (plan.Errors.Count > 0 || plan.PlanTextErrors > 0)
            {
                // The planner writes only valid text; if a rule ever disagrees, nothing is written and the findings are shown.
                var broken = new PlanTrainingResult(scope.Context, "refused", mode, basis, weeks, totals, null, plan.Text, validation, null, decisions, unavailable,
                    null, null, ["Report this plan: a generated workout broke a rule. Try another focus or period meanwhile."]);
                var error = ToolResponse.From(broken, RenderSummary(broken));
                error.IsError = true;
                return error;
            }

            if (mode == TextOutput)
            {
                var textOnly = new PlanTrainingResult(scope.Context, "text", mode, basis, weeks, totals, null, plan.Text, validation, null, decisions, unavailable,
                    null, null, ["To put this plan on the calendar: plan_training with the same arguments and output \"calendar\" (dry run first)",
                        "modify_training to add or change single workouts"]);
                return ToolResponse.From(textOnly, plan.Text + "\n\n" + RenderSummary(textOnly));
            }

            var calendar = await plans.CalendarAsync(scope, plan, cancellationToken);
            var what = string.Create(CultureInfo.InvariantCulture,
                $"action=plan plan={plan.Key} period={DateRange.Format(start)}..{DateRange.Format(end)} focus={focusName} weeks={plan.Weeks.Count} sessions={validation.WorkoutsChecked}");
            // Re-planning the same period replaces the earlier version: its sessions the new plan no longer holds are removed
            // too (when this connection may delete workouts), and the confirm code covers exactly those removals.
            var remove = calendar.Removable(scope.Has("delete_workout"));
            var left = calendar.Stale.Except(remove).ToList();
            var apply = DryRunGate.WantsApply(dry_run, confirm);
            var decision = await DryRunGate.DecideAsync(gate, scope, Name, apply, confirm, plan.Canonical(remove), what + $" remove={remove.Count}", cancellationToken);
            if (!decision.Apply)
            {
                var rows = plan.Sessions.Select(s => WorkoutRow(s, calendar.Existing.GetValueOrDefault(s.ExternalId)?.Id,
                    calendar.IsUnchanged(s) ? "unchanged" : calendar.Existing.ContainsKey(s.ExternalId) ? "update" : "new")).ToList();
                var state = new PlanCalendarState(rows.Count(r => r.Status == "new"), rows.Count(r => r.Status == "update"), rows.Count(r => r.Status == "unchanged"),
                    null, Listed(remove), Listed(calendar.Conflicts), Listed(left), null);
                var preview = new PlanTrainingResult(scope.Context, "dry_run", mode, basis, weeks, totals, rows, plan.Text, validation, state, decisions, unavailable,
                    decision.ConfirmCode, decision.ExpiresAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    [$"Show the weekly totals and the plan to the user; only after they explicitly approve, call plan_training again with the same arguments, dry_run:false and confirm:\"{decision.ConfirmCode}\""]);
                return ToolResponse.From(preview, RenderSummary(preview) + "\n\n" + plan.Text);
            }

            var written = await plans.WriteAsync(scope, plan, calendar, remove, cancellationToken);
            var ids = plan.Sessions.Select(s => written.Saved.GetValueOrDefault(s.ExternalId)?.Id).OfType<long>().ToList();
            await gate.AppliedAsync(scope, Name, decision, string.Create(CultureInfo.InvariantCulture,
                $"{what} created={written.Created} updated={written.Updated} unchanged={written.Unchanged} removed={written.Removed} parse_problems={written.ParseProblems.Count}"), cancellationToken);
            var writtenRows = plan.Sessions.Select(s => WorkoutRow(s, written.Saved.GetValueOrDefault(s.ExternalId)?.Id,
                calendar.IsUnchanged(s) || calendar.Existing.GetValueOrDefault(s.ExternalId)?.PairedActivityId is { Length: > 0 } ? "unchanged"
                : calendar.Existing.ContainsKey(s.ExternalId) ? "updated" : "created")).ToList();
            var writtenState = new PlanCalendarState(written.Created, written.Updated, written.Unchanged, ids, Listed(remove), Listed(calendar.Conflicts), Listed(left),
                written.ParseProblems.Count > 0 ? written.ParseProblems : null);
            var result = new PlanTrainingResult(scope.Context, written.Created + written.Updated + written.Removed == 0 ? "unchanged" : "written", mode, basis, weeks, totals, writtenRows,
                null, validation, writtenState, decisions, unavailable, null, null,
                written.ParseProblems.Count > 0
                    ? ["modify_training action modify with the event_id of each parse problem and a corrected new_description"]
                    : ["analyze_training (target_type period) over the plan to review it", "modify_training to adjust single workouts"]);
            return ToolResponse.From(result, RenderSummary(result));
        }, cancellationToken);

    private static string? RaceNote(DateOnly race, DateOnly end)
    {
        if (race <= end)
        {
            return null;
        }

        var weeksAfter = (TrainingPlanner.Monday(race).DayNumber - TrainingPlanner.Monday(end).DayNumber) / 7;
        return $"the race is after the plan ends ({DateRange.Format(end)}): " +
            (weeksAfter <= 1 ? "the plan's last week is the taper" : "the plan holds no taper; plan the last weeks before the race separately");
    }

    private static PlanWeekRow WeekRow(CheckedWeek week)
    {
        var duration = week.Sessions.Sum(s => s.Analysis.DurationSecs);
        var (low, moderate, high, _) = TrainingPlans.Split(week.Sessions.Select(s => s.Session));
        return new PlanWeekRow(week.Draft.Number, DateRange.Format(week.Draft.Start), DateRange.Format(week.Draft.End), week.Draft.Phase,
            TrainingPlans.Clock(duration), duration, week.Load, week.Sessions.Count, low, moderate, high, week.CtlEnd);
    }

    private static PlanTotalsRow Totals(CheckedPlan plan, double capHours)
    {
        var sessions = plan.Sessions.ToList();
        var duration = sessions.Sum(s => s.Analysis.DurationSecs);
        var (low, moderate, high, model) = TrainingPlans.Split(sessions.Select(s => s.Session));
        var biggest = plan.Weeks.Count == 0 ? 0 : plan.Weeks.Max(w => w.Sessions.Sum(s => s.Analysis.DurationSecs));
        return new PlanTotalsRow(plan.Weeks.Count, sessions.Count, duration, TrainingPlans.Clock(duration),
            plan.LoadsComplete || sessions.Any(s => s.Load is not null) ? sessions.Sum(s => s.Load ?? 0) : null,
            low, moderate, high, model, Math.Round(biggest / 3600.0, 2), Math.Round(capHours, 2));
    }

    private static PlanWorkoutRow WorkoutRow(CheckedSession s, long? id, string status) =>
        new(DateRange.Format(s.Session.Date), s.Session.Date.DayOfWeek.ToString(), s.Session.Sport, s.Session.Name, s.Session.Kind,
            s.Analysis.DurationSecs, s.Load, s.ExternalId, id, status);

    private static IReadOnlyList<PlannedEventRow>? Listed(IReadOnlyList<PlannedEventRow> rows) => rows.Count == 0 ? null : [.. rows.Take(50)];

    private static IReadOnlyList<UnavailableField>? Unavailable(CheckedPlan plan, PlanBaseline baseline)
    {
        var list = new List<UnavailableField>();
        if (baseline.Ctl is null)
        {
            list.Add(new UnavailableField("ctl", "no fitness values (no Intervals.icu CTL and no activity loads); the start volume comes from recent time or the cap, and no CTL is projected"));
        }

        if (baseline.RecentWeeklySecs == 0)
        {
            list.Add(new UnavailableField("recent_weekly_hours", $"no activities in the last {TrainingPlans.VolumeWeeks} weeks; the start volume comes from CTL or 60% of the cap"));
        }

        var noLoad = plan.Sessions.Where(s => s.Load is null).Select(s => s.Session.Sport).Distinct(StringComparer.Ordinal).ToList();
        if (noLoad.Count > 0)
        {
            list.Add(new UnavailableField("load",
                $"no threshold for the targets of {string.Join(", ", noLoad)} workouts (FTP, threshold pace or LTHR): their loads are left out of the week loads and the CTL projection"));
        }

        return list.Count == 0 ? null : list;
    }

    private static string RenderSummary(PlanTrainingResult r)
    {
        var text = new StringBuilder();
        text.Append(r.Status switch
        {
            "dry_run" => "DRY RUN — nothing written yet. ",
            "written" => "WRITTEN — ",
            "unchanged" => "Already on the calendar, nothing changed — ",
            "refused" => "REFUSED — a generated workout broke a rule; nothing was written. ",
            _ => "",
        });
        var t = r.Totals;
        text.Append(string.Create(CultureInfo.InvariantCulture,
            $"{t.Weeks}-week {r.Basis.Focus} plan for {r.Context.AthleteName} ({r.Basis.PeriodStart}..{r.Basis.PeriodEnd}, today {r.Context.Today}): {t.Sessions} workouts, {t.Hours} h"));
        if (t.Load is { } load)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $", load {load}"));
        }

        text.Append(string.Create(CultureInfo.InvariantCulture,
            $", {t.LowPct:0}/{t.ModeratePct:0}/{t.HighPct:0}% low/moderate/high ({t.Model}); biggest week {t.MaxWeekHours:0.##} h, cap {t.CapHours:0.##} h{(r.Basis.MaxHoursAssumed == true ? " (assumed: recent volume +10%)" : "")}."));
        if (r.Basis.TargetRace is { } race)
        {
            text.Append(" Race: ").Append(race.Name ?? "target").Append(' ').Append(race.Date).Append('.');
        }

        foreach (var w in r.Weeks)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"\nW{w.Week} {w.Start} {w.Phase}: {w.Hours} h, {w.Sessions} sessions"));
            if (w.Load is { } weekLoad)
            {
                text.Append(string.Create(CultureInfo.InvariantCulture, $", load {weekLoad}"));
            }

            if (w.CtlEnd is { } ctl)
            {
                text.Append(string.Create(CultureInfo.InvariantCulture, $", CTL → {ctl:0.0}"));
            }
        }

        if (r.Calendar is { } c)
        {
            text.Append(r.Status == "dry_run"
                ? string.Create(CultureInfo.InvariantCulture, $"\nCalendar: {c.New} new, {c.Changed} changed, {c.Unchanged} unchanged.")
                : string.Create(CultureInfo.InvariantCulture, $"\nCalendar: {c.New} created, {c.Changed} updated, {c.Unchanged} unchanged; event ids {string.Join(", ", c.Ids ?? [])}."));
            if (c.Conflicts is { Count: > 0 } conflicts)
            {
                text.Append(string.Create(CultureInfo.InvariantCulture, $"\nAlready planned on those days (not part of this plan): {conflicts.Count}, e.g. "))
                    .Append(string.Join("; ", conflicts.Take(5).Select(e => $"[{e.Id}] {e.Date} {e.Name}")));
            }

            if (c.Removed is { Count: > 0 } removed)
            {
                text.Append(string.Create(CultureInfo.InvariantCulture, $"\n{(r.Status == "dry_run" ? "Would remove" : "Removed")} {removed.Count} event(s) of an earlier version of this plan: "))
                    .Append(string.Join("; ", removed.Take(10).Select(e => $"[{e.Id}] {e.Date} {e.Name}")));
            }

            if (c.Stale is { Count: > 0 } stale)
            {
                text.Append(string.Create(CultureInfo.InvariantCulture, $"\nFrom an earlier version of this plan, left in place (completed, or no delete_workout grant): {stale.Count} ("))
                    .Append(string.Join("; ", stale.Take(5).Select(e => $"[{e.Id}] {e.Date} {e.Name}"))).Append(").");
            }

            foreach (var problem in c.ParseProblems ?? [])
            {
                text.Append("\n⚠ ").Append(problem);
            }
        }

        foreach (var u in r.Unavailable ?? [])
        {
            text.Append("\nUnavailable ").Append(u.Field).Append(": ").Append(u.Reason);
        }

        if (r.Confirm is { } code)
        {
            text.Append("\nTo write it: call plan_training again with the same arguments, dry_run:false and confirm:\"").Append(code)
                .Append("\" (valid until ").Append(r.ConfirmExpiresUtc).Append("), only after the user approves.");
        }

        return text.ToString();
    }
}

/// <summary>What the plan was built from.</summary>
/// <param name="PeriodStart">First day.</param>
/// <param name="PeriodEnd">Last day.</param>
/// <param name="Focus">The block's focus.</param>
/// <param name="MaxHoursPerWeek">The weekly cap, hours.</param>
/// <param name="MaxHoursAssumed">True when no cap was given and recent volume +10 % (at least 3 h) was used.</param>
/// <param name="Ctl">Fitness the day before the plan (projected with planned workouts when ahead).</param>
/// <param name="Atl">Fatigue the same day.</param>
/// <param name="FitnessOn">That day.</param>
/// <param name="RecentWeeklyHours">Average weekly hours of the last <paramref name="RecentWeeks"/> whole weeks.</param>
/// <param name="RecentWeeklyLoad">Average weekly load of those weeks.</param>
/// <param name="RecentWeeks">Weeks averaged.</param>
/// <param name="StartHoursPerWeek">The first build week's volume, hours.</param>
/// <param name="Sports">Sports planned, with their share of recent training time and the thresholds used.</param>
/// <param name="TargetRace">The race tapered to.</param>
public sealed record PlanBasis(
    string PeriodStart,
    string PeriodEnd,
    string Focus,
    double MaxHoursPerWeek,
    bool? MaxHoursAssumed,
    double? Ctl,
    double? Atl,
    string FitnessOn,
    double RecentWeeklyHours,
    int RecentWeeklyLoad,
    int RecentWeeks,
    double StartHoursPerWeek,
    IReadOnlyList<PlanSportRow> Sports,
    PlanRaceRow? TargetRace);

/// <summary>A sport in the plan.</summary>
/// <param name="Sport">Ride, Run or Swim.</param>
/// <param name="SharePct">Share of recent training time, %.</param>
/// <param name="Thresholds">The thresholds its targets and loads use.</param>
public sealed record PlanSportRow(string Sport, double SharePct, string? Thresholds);

/// <summary>The target race.</summary>
/// <param name="Date">Race day (no workout is planned on it).</param>
/// <param name="Name">Name of the RACE event, when found.</param>
/// <param name="EventId">Its id.</param>
/// <param name="Category">RACE_A/B/C.</param>
/// <param name="Note">When the race lies after the plan.</param>
public sealed record PlanRaceRow(string Date, string? Name, long? EventId, string? Category, string? Note);

/// <summary>One week of the plan.</summary>
/// <param name="Week">1-based number.</param>
/// <param name="Start">First day.</param>
/// <param name="End">Last day.</param>
/// <param name="Phase">build, recovery, taper, race or post_race.</param>
/// <param name="Hours">Planned time, H:MM.</param>
/// <param name="DurationS">Planned time, seconds.</param>
/// <param name="Load">Estimated load (hours × IF² × 100 per workout).</param>
/// <param name="Sessions">Workouts.</param>
/// <param name="LowPct">Time below the first threshold, %.</param>
/// <param name="ModeratePct">Time between the thresholds, %.</param>
/// <param name="HighPct">Time above the second threshold, %.</param>
/// <param name="CtlEnd">Projected CTL on the last day (planned loads only).</param>
public sealed record PlanWeekRow(
    int Week,
    string Start,
    string End,
    string Phase,
    string Hours,
    int DurationS,
    int? Load,
    int Sessions,
    double LowPct,
    double ModeratePct,
    double HighPct,
    double? CtlEnd);

/// <summary>Totals of the whole plan.</summary>
/// <param name="Weeks">Weeks.</param>
/// <param name="Sessions">Workouts.</param>
/// <param name="DurationS">Planned time, seconds.</param>
/// <param name="Hours">The same as H:MM.</param>
/// <param name="Load">Estimated load.</param>
/// <param name="LowPct">Time below the first threshold, %.</param>
/// <param name="ModeratePct">Time between the thresholds, %.</param>
/// <param name="HighPct">Time above the second threshold, %.</param>
/// <param name="Model">polarized, pyramidal or threshold (IcuSync.Analytics).</param>
/// <param name="MaxWeekHours">The biggest week, hours.</param>
/// <param name="CapHours">The weekly cap, hours.</param>
public sealed record PlanTotalsRow(
    int Weeks,
    int Sessions,
    int DurationS,
    string Hours,
    int? Load,
    double LowPct,
    double ModeratePct,
    double HighPct,
    string Model,
    double MaxWeekHours,
    double CapHours);

/// <summary>One workout of the plan.</summary>
/// <param name="Date">Day.</param>
/// <param name="Day">Weekday.</param>
/// <param name="Sport">Ride, Run or Swim.</param>
/// <param name="Name">Title.</param>
/// <param name="Kind">long, easy, recovery, tempo, strides, vo2, micro, race_pace, sharpener or openers.</param>
/// <param name="DurationS">Seconds, computed from the steps.</param>
/// <param name="Load">Estimated load.</param>
/// <param name="ExternalId">The external id it is (or would be) written under.</param>
/// <param name="Id">The event id on the calendar, once written.</param>
/// <param name="Status">Dry run: new, update or unchanged. Written: created, updated or unchanged.</param>
public sealed record PlanWorkoutRow(
    string Date,
    string Day,
    string Sport,
    string Name,
    string Kind,
    int DurationS,
    int? Load,
    string ExternalId,
    long? Id,
    string Status);

/// <summary>The rule check of every workout and of the plan text.</summary>
/// <param name="WorkoutsChecked">Workouts checked with WorkoutText.Analyze.</param>
/// <param name="Errors">Rule errors (0, or nothing is written).</param>
/// <param name="Warnings">Rule warnings.</param>
/// <param name="Issues">The first findings, when there are any.</param>
/// <param name="WeeklyCapRespected">True when every week's planned time is within the cap.</param>
/// <param name="PlanTextErrors">Errors of the #WEEK text under WorkoutText.AnalyzePlan.</param>
public sealed record PlanValidation(int WorkoutsChecked, int Errors, int Warnings, IReadOnlyList<RuleIssue>? Issues, bool WeeklyCapRespected, int PlanTextErrors);

/// <summary>The plan against the calendar.</summary>
/// <param name="New">Dry run: events to create. Written: created.</param>
/// <param name="Changed">Dry run: events to update in place. Written: updated.</param>
/// <param name="Unchanged">Events already holding their workout (not sent).</param>
/// <param name="Ids">Written: the event id of every workout of the plan.</param>
/// <param name="Removed">Events of an earlier version of this plan (same period) that it no longer holds: dry run, to be deleted; written, deleted.</param>
/// <param name="Conflicts">Other planned workouts on the plan's days.</param>
/// <param name="Stale">Events of an earlier version of this plan left in place (completed, or no delete_workout grant).</param>
/// <param name="ParseProblems">Events Intervals.icu did not parse as expected.</param>
public sealed record PlanCalendarState(
    int New,
    int Changed,
    int Unchanged,
    IReadOnlyList<long>? Ids,
    IReadOnlyList<PlannedEventRow>? Removed,
    IReadOnlyList<PlannedEventRow>? Conflicts,
    IReadOnlyList<PlannedEventRow>? Stale,
    IReadOnlyList<string>? ParseProblems);

/// <summary>The result of plan_training.</summary>
/// <param name="Context">Whose plan, and the local today used.</param>
/// <param name="Status"><c>text</c>, <c>dry_run</c>, <c>written</c>, <c>unchanged</c> or <c>refused</c>.</param>
/// <param name="Output"><c>text</c> or <c>calendar</c>.</param>
/// <param name="Basis">What the plan was built from.</param>
/// <param name="Weeks">Per-week totals.</param>
/// <param name="Totals">Whole-plan totals.</param>
/// <param name="Workouts">Calendar output: every workout with its external id (and event id once written).</param>
/// <param name="PlanText">The plan in the #WEEK format (text output and dry runs).</param>
/// <param name="Validation">The rule check.</param>
/// <param name="Calendar">Calendar output: new/changed/unchanged counts, ids written, conflicts.</param>
/// <param name="KeyDecisions">Why the plan looks as it does.</param>
/// <param name="Unavailable">Fields that could not be computed, with the reason.</param>
/// <param name="Confirm">Dry run only: the code that authorises writing exactly this plan.</param>
/// <param name="ConfirmExpiresUtc">When the code expires.</param>
/// <param name="NextActions">Hints for the next call.</param>
public sealed record PlanTrainingResult(
    ResultContext Context,
    string Status,
    string Output,
    PlanBasis Basis,
    IReadOnlyList<PlanWeekRow> Weeks,
    PlanTotalsRow Totals,
    IReadOnlyList<PlanWorkoutRow>? Workouts,
    string? PlanText,
    PlanValidation Validation,
    PlanCalendarState? Calendar,
    IReadOnlyList<string> KeyDecisions,
    IReadOnlyList<UnavailableField>? Unavailable,
    string? Confirm,
    string? ConfirmExpiresUtc,
    IReadOnlyList<string>? NextActions);
