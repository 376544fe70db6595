using System.Globalization;
using System.Text;

namespace IcuSync.Benchmarks.Workouts;

/// <summary>The inputs of the workout benchmarks: a 30-line ride and a 16-week running plan.</summary>
internal static class WorkoutBenchmarkTexts
{
    /// <summary>30 lines: ramps, cadence, repeats, a timed prompt, watts, freeride and blank lines around every block.</summary>
    public const string ThirtyLineWorkout = """
        Warmup
        - 10m ramp 50-75% 85rpm
        - 5m 75% 90rpm
        - Openers 30s 110% 100rpm

        Main Set 4x
        - Threshold 8m 95-100% 90rpm
        - Recovery 4m 55% 85rpm

        Between sets
        - 5m Z2

        Over-unders 3x
        - 2m 105% 95rpm
        - 1m 88% 90rpm
        - 2m 105% 95rpm
        - 3m 55% 85rpm

        Sprints 6x
        - Start 10^ Go <!> 20s 150% 110rpm
        - 1m40 50% 85rpm

        Tempo
        - 15m 85-90% 88rpm
        - 5m 60% 90rpm
        - 10m 220-240w

        Cooldown
        - 10m ramp 65-45% 85rpm
        - 5m freeride
        """;

    /// <summary>16 weeks × 7 days (two rest days a week) with weekly totals, about 300 lines.</summary>
    public static string SixteenWeekPlan()
    {
        var builder = new StringBuilder();
        for (var week = 1; week <= 16; week++)
        {
            var reps = 4 + (week % 4);
            var longMinutes = 90 + (week * 5);
            var intervals = 15 + (reps * 4) + 10;
            builder.Append(CultureInfo.InvariantCulture, $"#WEEK {week}\n");
            builder.Append("Monday, REST\n");
            builder.Append(CultureInfo.InvariantCulture, $"Tuesday, {Clock(intervals * 60)}, Interval Run\n");
            builder.Append("Warmup\n- 15m Z1 HR\n\n");
            builder.Append(CultureInfo.InvariantCulture, $"Main Set {reps}x\n- 3m Z4 Pace\n- 1m Z1 HR\n\n");
            builder.Append("Cooldown\n- 10m Z1 HR\n");
            builder.Append("Wednesday, 0:45, Easy Run\n- 45m Z2 HR easy conversational pace\n");
            builder.Append("Thursday, 1:00, Tempo Run\n- 15m Z1 HR\n- 30m 88-92% Pace\n- 15m Z1 HR\n");
            builder.Append("Friday, REST\n");
            builder.Append(CultureInfo.InvariantCulture, $"Saturday, {Clock(longMinutes * 60)}, Long Run\n- {longMinutes / 60}h{longMinutes % 60}m Z2 HR\n");
            builder.Append("Sunday, 0:40, Recovery Run\n- 40m Z1 HR\n");
            builder.Append("Weekly totals:\n");
            builder.Append(CultureInfo.InvariantCulture, $"- Time: {Clock((intervals + 45 + 60 + longMinutes + 40) * 60)}\n");
            builder.Append("- Zone distribution: 85% Z1-Z2\n\n");
        }

        return builder.ToString();
    }

    private static string Clock(int seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds / 60 % 60:00}");
}
