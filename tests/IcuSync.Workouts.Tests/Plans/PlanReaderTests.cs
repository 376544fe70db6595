using System.Globalization;
using System.Text;

namespace IcuSync.Workouts.Tests.Plans;

public sealed class PlanReaderTests
{
    /// <summary>A 16-week running plan whose declared durations add up, with one repeat session a week.</summary>
    internal static string SixteenWeekPlan()
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
            builder.Append("Wednesday, 0:45, Easy Run\n- 45m Z2 HR\n");
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

    [Fact]
    public void AnalyzePlan_sixteen_week_plan_that_adds_up_has_no_findings()
    {
        var plan = WorkoutText.AnalyzePlan(SixteenWeekPlan(), new WorkoutContext("Run"));

        Assert.Empty(plan.Errors);
        Assert.Empty(plan.Warnings);
        Assert.Equal(16, plan.Weeks.Count);
        Assert.Equal(16 * 7, plan.Workouts.Count);
        Assert.All(plan.Weeks, static w => Assert.Equal(w.DeclaredDurationSecs, w.DurationSecs));
        Assert.Equal(plan.Weeks.Sum(static w => w.DurationSecs), plan.DurationSecs);
        Assert.Equal(Enumerable.Range(1, 16), plan.Weeks.Select(static w => w.Number));
    }

    [Fact]
    public void AnalyzePlan_reports_findings_at_plan_line_numbers()
    {
        const string text = "#WEEK 1\nMonday, 0:30, Easy Ride\n- 30min Z2\nTuesday, 0:20, Spin\n";
        var plan = WorkoutText.AnalyzePlan(text, new WorkoutContext("Ride"));

        Assert.Equal(
            [(RuleCodes.UnitWordInDuration, 3), (RuleCodes.NoSteps, 4)],
            plan.Errors.Select(static e => (e.Code, e.Line)));
    }

    [Fact]
    public void AnalyzePlan_takes_the_sport_from_the_workout_name()
    {
        const string text = "Monday, 1:00, Endurance Ride\n- 1h Z2\nTuesday, 0:40, Easy Run\n- 40m Z2\n";
        var plan = WorkoutText.AnalyzePlan(text, new WorkoutContext("Ride"));

        Assert.Equal(["Ride", "Run"], plan.Workouts.Select(static w => w.Sport));
        var finding = Assert.Single(plan.Errors);
        Assert.Equal((RuleCodes.ZoneWithoutHrOrPace, 4), (finding.Code, finding.Line));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Just a note\nwith no days")]
    public void AnalyzePlan_without_days_is_empty(string? text)
    {
        var plan = WorkoutText.AnalyzePlan(text, new WorkoutContext());

        Assert.Empty(plan.Workouts);
        Assert.True(plan.IsValid);
    }
}
