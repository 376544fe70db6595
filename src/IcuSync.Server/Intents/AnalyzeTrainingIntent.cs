using System.ComponentModel;
using System.Globalization;
using System.Text;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Intents;

[McpServerToolType]
public sealed class AnalyzeTrainingIntent(ToolRuntime runtime, PeriodAnalysis periods, SessionAnalysis sessions, ActivityAnalysisService activities)
{
    public const string Name = "analyze_training";

    /// <summary>The grant a single-session analysis needs on top of the base grant (it reads one activity's detail and streams).</summary>
    public const string SingleGrant = "get_activity_detail";

    [McpServerTool(Name = Name, Title = "Analyze training", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [Description("Analyse training. target_type period (period_start/period_end, default last 28 days): totals, weekly average, zones, " +
        "load (ACWR, monotony, strain, stress tolerance), trends, activities and calendar events with ids. target_type single " +
        "(activity_id, or date + description_contains) with analysis_type summary, detailed (eFTP/W'/Pmax, W' depletion, signed " +
        "decoupling, Z2 stability, cadence/terrain, nutrition), intervals (rep table) or streams (min/avg/max). Tiers: 1) period " +
        "summary; 2) intervals/streams only if gaps remain; 3) single detailed for 2-3 key dates. Uncomputable fields are unavailable.")]
    public Task<CallToolResult> AnalyzeTrainingAsync(
        [Description("period or single (required).")] string? target_type = null,
        [Description("Period start, YYYY-MM-DD.")] string? period_start = null,
        [Description("Period end, YYYY-MM-DD.")] string? period_end = null,
        [Description("Single: date, YYYY-MM-DD.")] string? date = null,
        [Description("Single: activity id.")] string? activity_id = null,
        [Description("Single: name filter.")] string? description_contains = null,
        [Description("summary, detailed, intervals or streams.")] string? analysis_type = null,
        [Description("Athlete name or id (coaches).")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            if (string.IsNullOrWhiteSpace(target_type))
            {
                throw ToolFailure.BadArgument("target_type", "'period' (a date range) or 'single' (one session)", "it is missing");
            }

            var target = ToolArguments.Choice(target_type, "target_type", "period", "period", "single");
            var analysis = ToolArguments.Choice(analysis_type, "analysis_type", "summary", "summary", "detailed", "intervals", "streams");
            if (target == "period")
            {
                if (analysis == "detailed")
                {
                    throw ToolFailure.BadArgument("analysis_type", "summary, intervals or streams for target_type period (detailed is for target_type single)", "got 'detailed'");
                }

                var range = ToolArguments.Range(period_start, period_end, scope.Today, 28, ToolArguments.MaxSummaryDays, "period_start", "period_end");
                var report = await periods.AnalyzeAsync(scope, range, analysis, scope.Has("get_events"), scope.Has(SingleGrant), cancellationToken);
                var result = new AnalyzeTrainingResult(scope.Context, target, analysis, report, null, PeriodNext(report));
                return ToolResponse.From(result, RenderPeriod(result, report));
            }

            scope.Require(SingleGrant);
            var id = string.IsNullOrWhiteSpace(activity_id) ? null : ActivityAnalysisService.ParseActivityId(activity_id);
            DateOnly? day = null;
            if (id is null)
            {
                day = ToolArguments.OptionalDate(date, "date")
                    ?? throw ToolFailure.BadArgument("date", "a date YYYY-MM-DD, or an activity_id, for target_type single", "both are missing");
            }

            var lookup = await sessions.FindAsync(scope, id, day, description_contains, cancellationToken);
            SingleSession single;
            if (lookup.ActivityId is not { } found)
            {
                single = new SingleSession(lookup.Status, lookup.Message, null, null, null, null, null, lookup.Candidates, null);
            }
            else
            {
                single = await AnalyzeSingleAsync(scope, found, analysis, cancellationToken);
            }

            var singleResult = new AnalyzeTrainingResult(scope.Context, target, analysis, null, single, SingleNext(single, analysis));
            return ToolResponse.From(singleResult, RenderSingle(singleResult, single));
        }, cancellationToken);

    private async Task<SingleSession> AnalyzeSingleAsync(AthleteScope scope, string id, string analysis, CancellationToken ct)
    {
        if (analysis == "summary")
        {
            var summary = await sessions.SummaryAsync(scope, id, ct);
            return new SingleSession("analyzed", null, null, summary, null, null, null, null, summary.StravaStub);
        }

        if (analysis == "intervals")
        {
            var (withIntervals, view) = await sessions.IntervalsAsync(scope, id, ct);
            return new SingleSession("analyzed", null, TrainingHistory.ToRow(withIntervals), null, null, view, null, null,
                withIntervals.IsStravaStub ? StravaStubNotice.Instance : null);
        }

        var activity = await activities.GetOwnedActivityAsync(scope, id, includeIntervals: false, ct);
        var row = TrainingHistory.ToRow(activity);
        if (activity.IsStravaStub)
        {
            return new SingleSession("analyzed", null, row, null, null, null, null, null, StravaStubNotice.Instance);
        }

        return analysis == "streams"
            ? new SingleSession("analyzed", null, row, null, null, null, await sessions.StreamsAsync(scope, activity, ct), null, null)
            : new SingleSession("analyzed", null, row, null, await sessions.DetailedAsync(scope, activity, ct), null, null, null, null);
    }

    private static List<string> PeriodNext(PeriodReport report)
    {
        var next = new List<string> { "assess_recovery for sleep, HRV, resting HR and readiness" };
        var key = report.Activities.Where(a => a.Load is not null).OrderByDescending(a => a.Load).FirstOrDefault();
        if (key is not null)
        {
            next.Add($"analyze_training target_type single, activity_id {key.Id}, analysis_type detailed for the biggest session");
        }

        next.Add("track_progress if fitness seems to stall; compare_periods to set this range against another");
        return next;
    }

    private static List<string> SingleNext(SingleSession single, string analysis)
    {
        if (single.Activity is null && single.Summary is null)
        {
            return ["analyze_training target_type single with one of the candidates' activity_id", "analyze_training target_type period to list the sessions of a range"];
        }

        var id = single.Activity?.Id ?? single.Summary?.Id;
        var next = new List<string>();
        foreach (var other in new[] { "detailed", "intervals", "streams" }.Where(a => a != analysis).Take(2))
        {
            next.Add($"analyze_training target_type single, activity_id {id}, analysis_type {other}");
        }

        next.Add("analyze_race if this was a race");
        return next;
    }

    private static string RenderPeriod(AnalyzeTrainingResult result, PeriodReport r)
    {
        var text = new StringBuilder();
        var t = r.Totals;
        text.Append(result.Context.AthleteName).Append(' ').Append(r.Range).Append(" (today ").Append(result.Context.Today).Append("): ")
            .Append(t.Sessions).Append(" sessions, ").Append(Units.Duration(t.DurationS)).Append(" h, ").Append(Units.Number(t.DistanceKm))
            .Append(" km, ").Append(t.ElevationM).Append(" m up, load ").Append(t.Load);
        if (r.WeeklyAverage is { } w)
        {
            text.Append("; per week ").Append(Units.Duration(w.DurationS)).Append(" h, load ").Append(w.Load);
        }

        if (r.Zones.ThreeZone is { } z)
        {
            text.Append(CultureInfo.InvariantCulture, $". Zones low/mod/high {z.LowPct:0}/{z.ModeratePct:0}/{z.HighPct:0}% ({z.Model})");
        }

        if (r.LoadContext is { } l)
        {
            text.Append(". Load ").Append(l.AsOf).Append(':');
            if (l.Acwr?.Ratio is { } ratio)
            {
                text.Append(CultureInfo.InvariantCulture, $" ACWR {ratio} {l.Acwr.State}");
            }

            if (l.Monotony?.Monotony is { } m)
            {
                text.Append(CultureInfo.InvariantCulture, $", monotony {m}, strain {l.Monotony.Strain}");
            }

            if (l.StressTolerance?.State is { } st)
            {
                text.Append(", stress tolerance ").Append(st);
            }
        }

        if (r.Trends?.Direction is { } direction)
        {
            text.Append(". Load trend ").Append(direction);
        }

        if (r.Calendar is { } c)
        {
            text.Append(". Calendar: ").Append(c.Events).Append(" items, ").Append(c.Planned.Workouts).Append(" planned workouts");
        }

        text.Append('.');
        foreach (var a in r.Activities.Take(8))
        {
            text.Append('\n').Append(a.Date).Append(' ').Append(a.Sport).Append(" '").Append(a.Name).Append("' [").Append(a.Id).Append("] ")
                .Append(Units.Duration(a.DurationS)).Append(a.Load is { } load ? " load " + load.ToString(CultureInfo.InvariantCulture) : "");
        }

        if (r.Activities.Count > 8)
        {
            text.Append("\n… ").Append(r.Activities.Count - 8 + (r.ActivitiesNotListed ?? 0)).Append(" more sessions in the structured result");
        }

        foreach (var e in r.Calendar?.Items.Take(8) ?? [])
        {
            text.Append('\n').Append(e.Date).Append(' ').Append(e.Category).Append(" '").Append(e.Name).Append("' [event ").Append(e.Id).Append(']');
        }

        return text.ToString();
    }

    private static string RenderSingle(AnalyzeTrainingResult result, SingleSession s)
    {
        var text = new StringBuilder();
        text.Append(result.Context.AthleteName).Append(" (today ").Append(result.Context.Today).Append("): ");
        if (s.Message is not null)
        {
            text.Append(s.Message);
            foreach (var c in s.Candidates ?? [])
            {
                text.Append('\n').Append(c.Date).Append(' ').Append(c.Sport).Append(" '").Append(c.Name).Append("' [").Append(c.Id).Append(']');
            }

            return text.ToString();
        }

        var row = s.Activity;
        var id = row?.Id ?? s.Summary?.Id;
        text.Append(row?.Date ?? s.Summary?.Date).Append(' ').Append(row?.Sport ?? s.Summary?.Sport).Append(" '").Append(row?.Name ?? s.Summary?.Name)
            .Append("' [").Append(id).Append("], ").Append(result.AnalysisType).Append('.');
        if (s.StravaStub is { } stub)
        {
            return text.Append(' ').Append(stub.Note).Append(' ').Append(stub.Advice).ToString();
        }

        if (s.Summary?.Summary is { } sum)
        {
            text.Append(' ').Append(Units.Duration(sum.MovingTimeS)).Append(sum.Load is { } load ? ", load " + load.ToString(CultureInfo.InvariantCulture) : "")
                .Append(sum.NpW is { } np ? ", NP " + np.ToString(CultureInfo.InvariantCulture) + " W" : "")
                .Append(sum.AvgHrBpm is { } hr ? ", HR " + hr.ToString(CultureInfo.InvariantCulture) : "");
        }

        if (s.Detailed is { } d)
        {
            if (d.Anchors is { } an)
            {
                text.Append(CultureInfo.InvariantCulture, $" eFTP {an.EftpW?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} W, W′ {an.WPrimeJ?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} J, Pmax {an.PmaxW?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} W.");
            }

            if (d.WPrime is { } wp)
            {
                text.Append(CultureInfo.InvariantCulture, $" W′ depleted {wp.MaxDepletionPct}% ({wp.Reading}).");
            }

            if (d.Decoupling is { } dc)
            {
                text.Append(CultureInfo.InvariantCulture, $" Decoupling {dc.Pct:+0.0;-0.0}% ({dc.Direction}, durability {dc.Durability}).");
            }

            if (d.Z2Stability is { } z2)
            {
                text.Append(CultureInfo.InvariantCulture, $" Z2 {Units.Duration(z2.TimeS)} {z2.Label}.");
            }

            if (d.Nutrition is { EnergyKcal: { } kcal } n)
            {
                text.Append(CultureInfo.InvariantCulture, $" About {kcal} kcal, {n.CarbsG?.ToString(CultureInfo.InvariantCulture) ?? "?"} g carbohydrate.");
            }
        }

        if (s.Intervals is { } iv)
        {
            foreach (var rep in iv.Reps.Take(16))
            {
                text.Append('\n').Append(rep.Rep).Append(' ').Append(rep.Type).Append(rep.Label is null ? "" : " " + rep.Label).Append(' ')
                    .Append(Units.Duration(rep.DurationS))
                    .Append(rep.AvgPowerW is { } p ? " " + p.ToString(CultureInfo.InvariantCulture) + " W" : "")
                    .Append(rep.Pace is { } pace ? " " + pace : "")
                    .Append(rep.AvgHrBpm is { } h ? " HR " + h.ToString(CultureInfo.InvariantCulture) : "");
            }

            if (iv.Note is not null)
            {
                text.Append('\n').Append(iv.Note);
            }
        }

        if (s.Streams?.Streams is { } streams)
        {
            foreach (var st in streams)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n{st.Stream}: min {st.Min}, avg {st.Avg}, max {st.Max} {st.Unit}");
            }
        }

        return text.ToString();
    }
}

/// <summary>
/// One session's analysis: <c>Status</c> is analyzed, ambiguous (several sessions on the date: see <c>Candidates</c>)
/// or no_activity (nothing on the date; nearby sessions in <c>Candidates</c>).
/// </summary>
public sealed record SingleSession(
    string Status,
    string? Message,
    ActivityRow? Activity,
    ActivityDetail? Summary,
    DetailedSession? Detailed,
    IntervalsView? Intervals,
    SessionStreams? Streams,
    IReadOnlyList<ActivityRow>? Candidates,
    StravaStubNotice? StravaStub);

/// <summary>analyze_training's result: a period report or a single-session analysis.</summary>
public sealed record AnalyzeTrainingResult(
    ResultContext Context,
    string TargetType,
    string AnalysisType,
    PeriodReport? Period,
    SingleSession? Single,
    IReadOnlyList<string> NextActions);
