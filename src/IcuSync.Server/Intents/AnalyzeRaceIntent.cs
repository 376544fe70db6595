using System.ComponentModel;
using System.Globalization;
using System.Text;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Intents;

[McpServerToolType]
public sealed class AnalyzeRaceIntent(ToolRuntime runtime, RaceAnalysis races)
{
    public const string Name = "analyze_race";

    [McpServerTool(Name = Name, Title = "Analyze a race", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [Description("Post-race analysis. Finds the race by date and/or name (default: the latest of the last year): a RACE_A/B/C event with " +
        "the activity done that day, or an activity flagged as a race (race flag, 'race' tag or sub type). Returns pacing by " +
        "segment, signed decoupling, race best efforts vs the athlete's 90-day curve, and actual vs planned. No match: status " +
        "no_match with nearby races and sessions (ids); do not guess.")]
    public Task<CallToolResult> AnalyzeRaceAsync(
        [Description("YYYY-MM-DD")] string? date = null,
        [Description("Part of the race name.")] string? description_contains = null,
        [Description("Default true.")] bool? compare_to_planned = null,
        [Description("Athlete name or id (coaches).")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var day = ToolArguments.OptionalDate(date, "date");
            if (description_contains is { Length: > 100 })
            {
                throw ToolFailure.BadArgument("description_contains", "a short part of the race name (up to 100 characters)", $"got {description_contains.Length} characters");
            }

            var report = await races.AnalyzeAsync(scope, day, description_contains, compare_to_planned ?? true, scope.Has("get_events"), cancellationToken);
            var next = report.Status == "found"
                ? new List<string>
                {
                    $"analyze_training target_type single, activity_id {report.ActivityId}, analysis_type intervals for the lap table",
                    "assess_recovery for the days after the race",
                }
                : ["analyze_race with a candidate's date or name", "analyze_training target_type period around the race date to list sessions"];
            var result = new AnalyzeRaceResult(scope.Context, report, next);
            return ToolResponse.From(result, Render(result));
        }, cancellationToken);

    private static string Render(AnalyzeRaceResult result)
    {
        var r = result.Race;
        var text = new StringBuilder();
        text.Append(result.Context.AthleteName).Append(" (today ").Append(result.Context.Today).Append("): ");
        if (r.Status != "found")
        {
            text.Append(r.Message);
            foreach (var c in r.Candidates ?? [])
            {
                text.Append('\n').Append(c.Date).Append(" '").Append(c.Name).Append('\'')
                    .Append(c.EventId is { } e ? " [event " + e.ToString(CultureInfo.InvariantCulture) + "]" : "")
                    .Append(c.ActivityId is { } a ? " [activity " + a + "]" : "").Append(": ").Append(c.Note);
            }

            return text.ToString();
        }

        text.Append(r.Date).Append(' ').Append(r.Sport).Append(" '").Append(r.Name).Append("' [").Append(r.ActivityId).Append("] found by ").Append(r.FoundBy).Append('.');
        if (r.StravaStub is { } stub)
        {
            return text.Append(' ').Append(stub.Note).ToString();
        }

        if (r.Summary is { } s)
        {
            text.Append(' ').Append(Units.Duration(s.MovingTimeS)).Append(s.DistanceKm is { } km ? ", " + Units.Number(km, 2) + " km" : "")
                .Append(s.NpW is { } np ? ", NP " + np.ToString(CultureInfo.InvariantCulture) + " W" : "")
                .Append(s.Pace is { } pace ? ", " + pace : "")
                .Append(s.AvgHrBpm is { } hr ? ", HR " + hr.ToString(CultureInfo.InvariantCulture) : "");
        }

        if (r.Pacing is { } p)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nPacing: {p.Pattern} ({p.SplitPct:+0.0;-0.0;0}% second half)");
        }

        if (r.Decoupling is { } d)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nDecoupling {d.Pct:+0.0;-0.0}% ({d.Durability} durability)");
        }

        foreach (var e in r.BestEfforts?.Efforts ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{e.Label}: race {e.Race?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} vs best {e.Best?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} {r.BestEfforts!.Unit}");
        }

        if (r.Plan is { } plan)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nPlan: {plan.PlannedDistanceKm?.ToString(CultureInfo.InvariantCulture) ?? "?"} km planned vs {plan.ActualDistanceKm?.ToString(CultureInfo.InvariantCulture) ?? "?"} km done");
        }

        return text.ToString();
    }
}

/// <summary>analyze_race's result.</summary>
public sealed record AnalyzeRaceResult(ResultContext Context, RaceReport Race, IReadOnlyList<string> NextActions);
