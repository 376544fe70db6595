using System.Globalization;
using System.Text;

namespace IcuSync.Sandbox.Data;

internal enum TargetUnit
{
    /// <summary>Percent of FTP (<c>88-92%</c>).</summary>
    Power,

    /// <summary>Percent of threshold pace (<c>92-95% pace</c>).</summary>
    Pace,

    /// <summary>Percent of LTHR (<c>75-85% LTHR</c>).</summary>
    Lthr,

    /// <summary>Heart-rate zone (<c>Z2 HR</c>).</summary>
    HrZone,
}

/// <summary>
/// One step of a template. <see cref="Lo"/>/<see cref="Hi"/> are in the text's unit; <see cref="Sim"/> is the
/// simulated intensity (fraction of FTP or threshold speed) when the text target is not that fraction.
/// </summary>
internal sealed record TemplateStep(
    int Secs,
    double Lo,
    double Hi,
    TargetUnit Unit,
    double? Sim = null,
    bool Ramp = false,
    double? Meters = null)
{
    public double Intensity => Sim ?? ((Lo + Hi) / 200.0);
}

internal sealed record TemplateSet(string? Header, int Reps, IReadOnlyList<TemplateStep> Steps);

/// <summary>A structured session: renders to Workout Builder text and expands to simulated segments.</summary>
internal sealed record WorkoutTemplate(string Key, string Type, string Name, bool Indoor, IReadOnlyList<TemplateSet> Sets)
{
    /// <summary>Workout Builder text (the event <c>description</c>), e.g. <c>Main Set 4x\n- 8m 98-103%</c>.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var set in Sets)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            var header = set.Reps > 1 ? $"{set.Header ?? "Main Set"} {set.Reps.ToString(CultureInfo.InvariantCulture)}x" : set.Header;
            if (header is not null)
            {
                text.Append(header).Append('\n');
            }

            foreach (var step in set.Steps)
            {
                text.Append("- ").Append(Length(step)).Append(' ').Append(Target(step)).Append('\n');
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>Segments for the simulator; distance steps are timed at the step's pace.</summary>
    public List<PlanSegment> ToSegments(double? thresholdSpeed)
    {
        var segments = new List<PlanSegment>();
        foreach (var set in Sets)
        {
            var header = set.Header ?? string.Empty;
            for (var rep = 0; rep < set.Reps; rep++)
            {
                foreach (var step in set.Steps)
                {
                    var kind = header.StartsWith("Warmup", StringComparison.OrdinalIgnoreCase) ? SegmentKind.Warmup
                        : header.StartsWith("Cooldown", StringComparison.OrdinalIgnoreCase) ? SegmentKind.Cooldown
                        : set.Reps > 1 || set.Steps.Count > 1 ? (step.Intensity >= 0.8 ? SegmentKind.Work : SegmentKind.Recovery)
                        : SegmentKind.Steady;
                    var secs = step.Secs;
                    if (step.Meters is { } meters)
                    {
                        secs = (int)Math.Round(meters / ((thresholdSpeed ?? 3.5) * step.Intensity));
                    }

                    if (step.Ramp)
                    {
                        var third = RoundToBlock(secs / 3.0);
                        for (var k = 0; k < 3; k++)
                        {
                            var fraction = (step.Lo + ((step.Hi - step.Lo) * (k + 0.5) / 3)) / 100.0;
                            segments.Add(new PlanSegment(k < 2 ? third : Math.Max(BlockProfile.BlockSecs, RoundToBlock(secs) - (2 * third)), fraction, kind));
                        }
                    }
                    else
                    {
                        segments.Add(new PlanSegment(Math.Max(BlockProfile.BlockSecs, RoundToBlock(secs)), step.Intensity, kind));
                    }
                }
            }
        }

        return segments;
    }

    /// <summary>A variant with steady steps scaled by <paramref name="factor"/> and main-set reps changed by <paramref name="repsDelta"/>.</summary>
    public WorkoutTemplate Scale(double factor, int repsDelta)
    {
        var sets = Sets.Select(set =>
        {
            var steps = set.Steps.Select(step =>
                set.Reps == 1 && set.Steps.Count == 1 && step.Meters is null && step.Secs >= 1200
                    ? step with { Secs = Math.Max(900, (int)Math.Round(step.Secs * factor / 300.0) * 300) }
                    : step).ToList();
            var reps = set.Reps > 1 ? Math.Max(2, set.Reps + repsDelta) : set.Reps;
            return set with { Reps = reps, Steps = steps };
        }).ToList();
        return this with { Sets = sets };
    }

    private static int RoundToBlock(double secs) => (int)Math.Round(secs / BlockProfile.BlockSecs) * BlockProfile.BlockSecs;

    private static string Length(TemplateStep step)
    {
        if (step.Meters is { } meters)
        {
            return meters >= 1000 && meters % 1000 == 0
                ? (meters / 1000).ToString(CultureInfo.InvariantCulture) + "km"
                : meters.ToString(CultureInfo.InvariantCulture) + "mtr";
        }

        var secs = step.Secs;
        if (secs % 3600 == 0)
        {
            return (secs / 3600).ToString(CultureInfo.InvariantCulture) + "h";
        }

        if (secs > 3600 && secs % 60 == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{secs / 3600}h{secs % 3600 / 60}m");
        }

        return secs % 60 == 0
            ? (secs / 60).ToString(CultureInfo.InvariantCulture) + "m"
            : secs.ToString(CultureInfo.InvariantCulture) + "s";
    }

    private static string Target(TemplateStep step)
    {
        var range = step.Lo.Equals(step.Hi)
            ? step.Lo.ToString(CultureInfo.InvariantCulture) + "%"
            : string.Create(CultureInfo.InvariantCulture, $"{step.Lo}-{step.Hi}%");
        return step.Unit switch
        {
            TargetUnit.Power => step.Ramp ? "ramp " + range : range,
            TargetUnit.Pace => range + " pace",
            TargetUnit.Lthr => range + " LTHR",
            _ => string.Create(CultureInfo.InvariantCulture, $"Z{step.Lo} HR"),
        };
    }
}

/// <summary>The sessions the demo athletes train and plan.</summary>
internal static class WorkoutTemplates
{
    private static TemplateStep P(int minutes, double lo, double hi, bool ramp = false) => new(minutes * 60, lo, hi, TargetUnit.Power, Ramp: ramp);

    private static TemplateStep Pace(int secs, double lo, double hi, double? meters = null) => new(secs, lo, hi, TargetUnit.Pace, Meters: meters);

    public static readonly IReadOnlyDictionary<string, WorkoutTemplate> All = new[]
    {
        new WorkoutTemplate("ride-recovery", "Ride", "Recovery spin", true, [new(null, 1, [P(45, 50, 55)])]),
        new WorkoutTemplate("ride-endurance", "Ride", "Endurance ride", false,
            [new("Warmup", 1, [P(10, 50, 65, ramp: true)]), new(null, 1, [P(70, 65, 72)]), new("Cooldown", 1, [P(10, 55, 55)])]),
        new WorkoutTemplate("ride-long", "Ride", "Long ride", false,
            [new("Warmup", 1, [P(15, 55, 65)]), new(null, 1, [P(180, 62, 70)]), new("Cooldown", 1, [P(15, 55, 55)])]),
        new WorkoutTemplate("ride-sunday", "Ride", "Sunday endurance", false, [new(null, 1, [P(120, 65, 72)])]),
        new WorkoutTemplate("ride-sweetspot", "Ride", "Sweet spot 2x20", true,
            [new("Warmup", 1, [P(15, 50, 75, ramp: true)]), new("Main Set", 2, [P(20, 88, 92), P(5, 55, 55)]), new("Cooldown", 1, [P(10, 50, 50)])]),
        new WorkoutTemplate("ride-threshold", "Ride", "Threshold 4x8", true,
            [new("Warmup", 1, [P(15, 50, 75, ramp: true)]), new("Main Set", 4, [P(8, 98, 103), P(4, 55, 55)]), new("Cooldown", 1, [P(10, 50, 50)])]),
        new WorkoutTemplate("ride-vo2", "Ride", "VO2max 5x4", true,
            [new("Warmup", 1, [P(15, 50, 75, ramp: true)]), new("Main Set", 5, [P(4, 112, 118), P(4, 50, 50)]), new("Cooldown", 1, [P(10, 50, 50)])]),
        new WorkoutTemplate("ride-tempo", "Ride", "Tempo 40", false,
            [new("Warmup", 1, [P(15, 55, 70, ramp: true)]), new(null, 1, [P(40, 80, 85)]), new("Cooldown", 1, [P(10, 55, 55)])]),
        new WorkoutTemplate("run-easy", "Run", "Easy run", false, [new(null, 1, [new TemplateStep(45 * 60, 75, 85, TargetUnit.Lthr, Sim: 0.76)])]),
        new WorkoutTemplate("run-long", "Run", "Long run", false, [new(null, 1, [Pace(100 * 60, 72, 78)])]),
        new WorkoutTemplate("run-tempo", "Run", "Tempo run", false,
            [new("Warmup", 1, [Pace(15 * 60, 70, 75)]), new(null, 1, [Pace(25 * 60, 92, 95)]), new("Cooldown", 1, [Pace(10 * 60, 70, 70)])]),
        new WorkoutTemplate("run-intervals", "Run", "6x1km intervals", false,
            [new("Warmup", 1, [Pace(15 * 60, 70, 75)]), new("Main Set", 6, [Pace(0, 103, 106, meters: 1000), Pace(120, 60, 60)]), new("Cooldown", 1, [Pace(10 * 60, 70, 70)])]),
        new WorkoutTemplate("run-strides", "Run", "Easy run + strides", false,
            [new(null, 1, [new TemplateStep(35 * 60, 2, 2, TargetUnit.HrZone, Sim: 0.75)]), new("Strides", 6, [Pace(30, 120, 120), Pace(60, 65, 65)]), new("Cooldown", 1, [Pace(5 * 60, 70, 70)])]),
        new WorkoutTemplate("swim-endurance", "Swim", "Pool swim - endurance", true,
            [new("Warmup", 1, [Pace(0, 80, 80, meters: 400)]), new("Main Set", 8, [Pace(0, 95, 98, meters: 200), Pace(30, 40, 40)]), new("Cooldown", 1, [Pace(0, 75, 75, meters: 200)])]),
        new WorkoutTemplate("swim-technique", "Swim", "Pool swim - technique", true, [new(null, 1, [Pace(35 * 60, 80, 85)])]),
    }.ToDictionary(t => t.Key, StringComparer.Ordinal);
}
