using System.ComponentModel;
using System.Text;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Tools;

[McpServerToolType]
public sealed class GetWellnessTool(ToolRuntime runtime, WellnessLog wellness)
{
    public const string Name = "get_wellness";

    [McpServerTool(Name = Name, Title = "Wellness log", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [OutputSchema(typeof(WellnessResult))]
    [Description("Daily wellness records over a range (default: the last 14 days; at most 366): HRV (rMSSD, ms), resting HR, sleep hours, " +
        "sleep score and quality, weight, readiness, SpO2, steps and the subjective scores soreness, fatigue, stress, mood, motivation and " +
        "injury, each with the name of its level (on every Intervals.icu 1–4 scale, 1 is the good end). Also the 7-day means and the HRV " +
        "trend against the athlete's 28-day baseline. Subjective 'fatigue' is how the athlete felt, not ATL (see get_fitness).")]
    public Task<CallToolResult> GetWellnessAsync(
        [Description("First day, YYYY-MM-DD (athlete-local). Default: 13 days before end_date.")] string? start_date = null,
        [Description("Last day, YYYY-MM-DD (athlete-local), inclusive. Default: today. At most 366 days after start_date.")] string? end_date = null,
        [Description("Athlete name or id; defaults to the selected athlete.")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var range = ToolArguments.Range(start_date, end_date, scope.Today, 14, ToolArguments.MaxListDays);
            var report = await wellness.GetAsync(scope, range, cancellationToken);
            var next = new List<string> { "get_fitness for CTL/ATL/TSB (training load) over the same days" };
            if (report.Summary.Hrv?.State == "suppressed")
            {
                next.Insert(0, "get_events to review the hard sessions planned for the next days (HRV is suppressed)");
            }

            var result = new WellnessResult(scope.Context, range.ToString(), WellnessScales.All, report.Summary, report.Days, report.Notes, next);
            return ToolResponse.From(result, Render(result));
        }, cancellationToken);

    private static string Render(WellnessResult result)
    {
        var text = new StringBuilder();
        var s = result.Summary;
        text.Append(result.Context.AthleteName).Append(' ').Append(result.Range).Append(" (today ").Append(result.Context.Today).Append("): ")
            .Append(result.Days.Count).Append(" days with records. 7-day means ").Append(s.Window).Append(": ");
        var means = new List<string>();
        Part(means, "HRV", s.HrvMs, " ms");
        Part(means, "resting HR", s.RestingHrBpm, " bpm");
        Part(means, "sleep", s.SleepH, " h");
        Part(means, "sleep score", s.SleepScore, "");
        Part(means, "weight", s.WeightKg, " kg");
        Part(means, "soreness", s.Soreness, "/4");
        Part(means, "fatigue", s.Fatigue, "/4");
        Part(means, "mood", s.Mood, "/4");
        text.Append(means.Count > 0 ? string.Join(", ", means) : "no data");
        if (s.Hrv is { } hrv)
        {
            text.Append(". HRV trend: ").Append(hrv.State.Replace('_', ' ')).Append(" — ").Append(hrv.Meaning);
        }

        text.Append(".\nScales: 1–4, 1 is the good end (soreness/fatigue/stress 1 Low … 4 Extreme; mood/motivation/sleep quality 1 Excellent … 4 Poor; injury 1 Excellent … 4 Injured).");
        foreach (var row in result.Days.TakeLast(7))
        {
            var parts = new List<string>();
            Part(parts, "HRV", row.HrvMs, " ms");
            Part(parts, "RHR", row.RestingHrBpm, " bpm");
            Part(parts, "sleep", row.SleepH, " h");
            Scale(parts, "sleep quality", row.SleepQuality);
            Scale(parts, "soreness", row.Soreness);
            Scale(parts, "fatigue", row.Fatigue);
            Scale(parts, "stress", row.Stress);
            Scale(parts, "mood", row.Mood);
            Scale(parts, "motivation", row.Motivation);
            text.Append('\n').Append(row.Date).Append(": ").Append(string.Join(", ", parts));
            if (row.Comments is not null)
            {
                text.Append(" — \"").Append(row.Comments).Append('"');
            }
        }

        return text.ToString();
    }

    private static void Part(List<string> parts, string label, double? value, string unit)
    {
        if (value is { } v)
        {
            parts.Add(label + " " + Units.Number(v) + unit);
        }
    }

    private static void Scale(List<string> parts, string label, ScaleValue? value)
    {
        if (value is not null)
        {
            parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{label} {value.Value} ({value.Label})"));
        }
    }
}

public sealed record WellnessResult(
    ResultContext Context,
    string Range,
    IReadOnlyList<WellnessScale> Scales,
    WellnessSummary Summary,
    IReadOnlyList<WellnessRow> Days,
    IReadOnlyList<string>? Notes,
    IReadOnlyList<string> NextActions);
