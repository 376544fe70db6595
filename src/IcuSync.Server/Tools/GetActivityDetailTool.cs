using System.ComponentModel;
using System.Text;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Tools;

[McpServerToolType]
public sealed class GetActivityDetailTool(ToolRuntime runtime, ActivityAnalysisService activities)
{
    public const string Name = "get_activity_detail";

    private const int TextIntervalRows = 20;

    [McpServerTool(Name = Name, Title = "Activity detail", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [OutputSchema(typeof(ActivityDetailResult))]
    [Description("One completed activity by id: summary (duration, distance, load, IF, avg/NP power, HR, pace, cadence, RPE/feel), " +
        "the intervals/laps as a compact table (rep, duration_s, avg/NP power, avg HR, pace, cadence, zone), interval groups, time in " +
        "power/HR/pace zones with zone names and bounds, weather and notes. Strava imports are explained (Strava keeps their data out " +
        "of the Intervals.icu API), never shown as zeros. For stream-computed metrics use get_extended_metrics.")]
    public Task<CallToolResult> GetActivityDetailAsync(
        [Description("Required. Activity id, e.g. i51234567 (get_training_history lists them).")] string? activity_id = null,
        [Description("Athlete name or id; defaults to the selected athlete. The activity must belong to this athlete.")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var id = ActivityAnalysisService.ParseActivityId(activity_id);
            var detail = await activities.GetDetailAsync(scope, id, cancellationToken);
            IReadOnlyList<string> next = detail.StravaStub is not null
                ? ["get_training_history to find sessions recorded directly (not via Strava)"]
                : [$"get_extended_metrics with activity_id {detail.Id} for NP, decoupling, HR drift, W′ balance and mean-max from the streams",
                   "get_best_efforts or get_power_curves to set this session against the athlete's bests"];
            var result = new ActivityDetailResult(scope.Context, detail, next);
            return ToolResponse.From(result, Render(result));
        }, cancellationToken);

    private static string Render(ActivityDetailResult result)
    {
        var a = result.Activity;
        var text = new StringBuilder();
        text.Append(result.Context.AthleteName).Append(" · ").Append(a.Date);
        if (a.StartTime is not null)
        {
            text.Append(' ').Append(a.StartTime);
        }

        text.Append(' ').Append(a.Sport ?? "activity").Append(' ').Append(a.Name is null ? "" : $"'{a.Name}' ")
            .Append('[').Append(a.Id).Append("] (today ").Append(result.Context.Today).Append(')');
        if (a.StravaStub is { } stub)
        {
            text.Append('\n').Append(stub.Note).Append('\n').Append(stub.Advice);
            return text.ToString();
        }

        if (a.Summary is { } s)
        {
            var parts = new List<string>();
            if (s.MovingTimeS is { } moving)
            {
                parts.Add(Units.Duration(moving));
            }

            if (s.DistanceKm is { } km)
            {
                parts.Add(Units.Number(km, 2) + " km");
            }

            if (s.Load is { } load)
            {
                parts.Add("load " + load);
            }

            if (s.If is { } intensity)
            {
                parts.Add("IF " + Units.Number(intensity, 2));
            }

            if (s.NpW is { } np)
            {
                parts.Add($"NP {np} W" + (s.AvgPowerW is { } avg ? $" (avg {avg} W)" : ""));
            }

            if (s.AvgHrBpm is { } hr)
            {
                parts.Add($"HR {hr} bpm");
            }

            if (s.Pace is { } pace)
            {
                parts.Add(pace);
            }

            if (s.Rpe is { } rpe)
            {
                parts.Add($"RPE {rpe}/10");
            }

            text.Append('\n').AppendJoin(" · ", parts);
        }

        if (a.Intervals is { Count: > 0 } rows)
        {
            text.Append("\nIntervals (rep type duration power HR pace zone):");
            foreach (var row in rows.Take(TextIntervalRows))
            {
                text.Append("\n ").Append(row.Rep).Append(' ').Append(row.Type ?? "").Append(' ').Append(Units.Duration(row.DurationS));
                if (row.AvgPowerW is { } avg)
                {
                    text.Append(' ').Append(avg).Append(" W");
                    if (row.NpW is { } np)
                    {
                        text.Append(" (NP ").Append(np).Append(" W)");
                    }
                }

                if (row.AvgHrBpm is { } hr)
                {
                    text.Append(' ').Append(hr).Append(" bpm");
                }

                if (row.Pace is { } pace)
                {
                    text.Append(' ').Append(pace);
                }

                if (row.Zone is { } zone)
                {
                    text.Append(' ').Append(zone);
                }
            }

            if (rows.Count > TextIntervalRows)
            {
                text.Append("\n … ").Append(rows.Count - TextIntervalRows).Append(" more in the structured result");
            }
        }

        if (a.Zones is { } zones)
        {
            AppendZones(text, "Power zones", zones.Power);
            AppendZones(text, "HR zones", zones.Hr);
            AppendZones(text, "Pace zones", zones.Pace);
        }

        if (a.Weather is { } weather)
        {
            text.Append("\nWeather:");
            if ((weather.TempC ?? weather.DeviceTempC) is { } temp)
            {
                text.Append(' ').Append(Units.Number(temp)).Append(" °C");
            }

            if (weather.WindSpeedMps is { } wind)
            {
                text.Append(", wind ").Append(Units.Number(wind)).Append(" m/s");
            }
        }

        if (a.Notes is { } notes)
        {
            text.Append("\nNotes: ").Append(notes.Length <= 300 ? notes : notes[..300] + "…");
        }

        return text.ToString();
    }

    private static void AppendZones(StringBuilder text, string title, IReadOnlyList<ZoneTimeRow>? zones)
    {
        if (zones is null)
        {
            return;
        }

        text.Append('\n').Append(title).Append(": ")
            .AppendJoin(", ", zones.Where(z => z.TimeS > 0).Select(z => $"{z.Zone}{(z.Name is null ? "" : " " + z.Name)} {Units.Duration(z.TimeS)}"));
    }
}

public sealed record ActivityDetailResult(ResultContext Context, ActivityDetail Activity, IReadOnlyList<string>? NextActions);
