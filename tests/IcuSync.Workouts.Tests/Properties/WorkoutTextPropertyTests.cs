using CsCheck;

namespace IcuSync.Workouts.Tests.Properties;

/// <summary>Property tests: no input breaks the parser, formatting is idempotent, and valid trees survive format → parse.</summary>
public sealed class WorkoutTextPropertyTests
{
    private const int Iterations = 1500;

    /// <summary>Words that exercise every recogniser, and their near misses.</summary>
    private static readonly string[] Vocabulary =
    [
        "-", "- ", "--", "---", "*", "#", "##", "<p>", "**x**", "5x", "3x", "Main", "Set", "Warmup", "Cooldown", "Strides",
        "10m", "30s", "1h", "1m30", "1h30m59s", "5'", "30\"", "1'30\"", "400m", "10min", "2hrs", "1:30", "1:30:00", "0:00",
        "2km", "0.4km", "1mi", "400mtr", "400meters", "100yrd", "100y", ".5", "1.", "99999999999999999999h",
        "75%", "95-105%", "95–105%", "95—105%", "95", "to", "105%", "220w", "200-240w", "Z2", "z9", "Z0", "CZ1", "CZ2-CZ3",
        "Z1-Z2", "HR", "hr", "LTHR", "Pace", "pace", "MMP", "7:15-7:00/km", "5:00/mi", "1:45/100m", "3:00/100m-4:00/100m",
        "/km", "ramp", "Ramp", "50-75", "50%-75%", "90rpm", "90", "rpm", "90-100rpm", "free", "ride", "freeride",
        "free-ride", "Press", "press", "lap", "30^", "60^Go", "^", "<!>", "(note)", ",", ";", "Purpose:", "3x10", "🙂",
        "\u00a0", "\t", "x", "m", "s", "%", "w", "-5", "1e5", "٣٠m",
    ];

    private static readonly Gen<string> Line =
        Gen.OneOf(Vocabulary).Array[0, 10].Select(static words => string.Join(' ', words));

    /// <summary>Workout-like text: lines of vocabulary words, with blank lines and line-ending variety.</summary>
    private static readonly Gen<string> WorkoutishText =
        Gen.Select(Line.Array[0, 14], Gen.OneOf("\n", "\r\n", "\n\n"))
            .Select(static (lines, newline) => string.Join(newline, lines));

    private static readonly Gen<string> AnyText = Gen.Frequency<string>((3, WorkoutishText), (1, Gen.String), (1, Gen.Char.Array.Select(static c => new string(c))));

    private static readonly string[] Sports = ["Ride", "Run", "Swim", "WeightTraining", "Walk", "Other", "nonsense", ""];

    [Fact]
    public void Analyze_never_throws_and_keeps_its_invariants()
    {
        Gen.Select(AnyText, Gen.OneOf(Sports), Gen.Int[-1, 400].Nullable(), Gen.Double[-1, 600].Nullable())
            .Sample(
                static (text, sport, ftp, pace) =>
                {
                    var context = new WorkoutContext(sport, ftp, pace, 160, 3600) { ResolveTargets = true };
                    var analysis = WorkoutText.Analyze(text, context);
                    _ = analysis.WorkoutDoc.ToJsonString();
                    _ = analysis.Canonical;
                    _ = WorkoutText.AnalyzePlan(text, context);
                    _ = WorkoutText.CheckEventName(text);

                    Assert.Equal(analysis.Errors.Count == 0, analysis.IsValid);
                    Assert.All(analysis.Errors, static f => Assert.Equal(RuleSeverity.Error, f.Severity));
                    Assert.All(analysis.Warnings, static f => Assert.Equal(RuleSeverity.Warning, f.Severity));
                    Assert.All(analysis.Findings, f =>
                    {
                        Assert.Contains(f.Code, RuleCodes.All);
                        Assert.InRange(f.Line, 0, text.Length + 1);
                        Assert.False(string.IsNullOrWhiteSpace(f.Message));
                    });
                    Assert.True(analysis.DurationSecs >= 0);
                    Assert.True(analysis.DistanceMeters >= 0);
                },
                iter: Iterations);
    }

    [Fact]
    public void Format_is_idempotent()
    {
        AnyText.Sample(
            static text =>
            {
                var once = WorkoutText.Format(text);
                var twice = WorkoutText.Format(once);
                Assert.Equal(once, twice);
            },
            iter: Iterations);
    }

    [Fact]
    public void Formatting_keeps_the_meaning_of_any_text()
    {
        // Canonical text has the same steps and totals as the text it came from.
        WorkoutishText.Sample(
            static text =>
            {
                var context = new WorkoutContext("Ride", 250, 270);
                var original = WorkoutText.Analyze(text, context);
                var canonical = WorkoutText.Analyze(original.Canonical, context);
                Assert.Equal(original.Tree.Steps.Count(), canonical.Tree.Steps.Count());
                Assert.Equal(original.StepCount, canonical.StepCount);
                Assert.Equal(original.DistanceMeters, canonical.DistanceMeters, 1e-6);
                Assert.Equal(original.DurationSecs, canonical.DurationSecs);
                Assert.Equal(original.Canonical, canonical.Canonical);
            },
            iter: Iterations);
    }

    [Fact]
    public void Valid_trees_survive_format_then_parse_unchanged()
    {
        WorkoutTrees.Tree.Sample(
            static tree =>
            {
                var text = WorkoutText.Format(tree);
                var parsed = WorkoutText.Parse(text);

                Assert.True(tree.Equals(parsed), text);
                Assert.Empty(WorkoutText.Analyze(text, new WorkoutContext("Ride", ThresholdPaceSecsPerKm: 270)).Errors);
            },
            iter: Iterations);
    }
}
