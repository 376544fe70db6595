namespace IcuSync.Workouts.Totals;

/// <summary>The numbers derived from a tree: expanded duration and distance, estimated distance-step time and load.</summary>
internal sealed class WorkoutTotals
{
    public int DurationSecs { get; private init; }

    public double DistanceMeters { get; private init; }

    public bool DurationIsEstimated { get; private init; }

    /// <summary>Distance steps whose time could not be estimated (rule W103).</summary>
    public IReadOnlyList<WorkoutStep> Unestimable { get; private init; } = [];

    public int StepCount { get; private init; }

    /// <summary><c>POWER</c>, <c>PACE</c> or <c>HR</c>: the target type that drives the load, or null.</summary>
    public string? TargetType { get; private init; }

    public double? IntensityFactor { get; private init; }

    public double? EstimatedLoad { get; private init; }

    public double? NormalizedPowerWatts { get; private init; }

    public double? AverageWatts { get; private init; }

    public static WorkoutTotals Compute(WorkoutSyntaxTree tree, WorkoutContext context)
    {
        double seconds = 0;
        double meters = 0;
        double fourth = 0;
        double linear = 0;
        long steps = 0;
        var estimated = false;
        List<WorkoutStep>? unestimable = null;
        var hasPower = false;
        var hasPace = false;
        var hasHr = false;

        var blocks = tree.Blocks;
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            double blockSeconds = 0;
            double blockMeters = 0;
            double blockFourth = 0;
            double blockLinear = 0;
            var blockSteps = 0;
            var lines = block.Lines;
            for (var l = 0; l < lines.Count; l++)
            {
                if (lines[l] is not WorkoutStep { Length: { } length } step)
                {
                    continue;
                }

                blockSteps++;
                double stepSeconds;
                if (length.Kind == StepLengthKind.Time)
                {
                    stepSeconds = length.Value;
                }
                else
                {
                    var stepMeters = length.Meters ?? 0;
                    blockMeters += stepMeters;
                    if (IntensityModel.Speed(step, context) is { } speed)
                    {
                        stepSeconds = stepMeters / speed;
                        estimated = true;
                    }
                    else
                    {
                        stepSeconds = 0;
                        (unestimable ??= []).Add(step);
                    }
                }

                blockSeconds += stepSeconds;
                if (step.MainTarget is { Unit: not TargetUnit.None } main)
                {
                    hasPower |= main.Kind == TargetKind.Power;
                    hasPace |= main.Kind == TargetKind.Pace;
                    hasHr |= main.Kind == TargetKind.HeartRate;
                }

                if (IntensityModel.Fraction(step, context) is var (start, end))
                {
                    blockFourth += stepSeconds * IntensityModel.MeanFourthPower(start, end);
                    blockLinear += stepSeconds * (start + end) / 2;
                }
            }

            var reps = block.Kind == WorkoutBlockKind.Repeat ? block.Repeats : 1;
            seconds += blockSeconds * reps;
            meters += blockMeters * reps;
            fourth += blockFourth * reps;
            linear += blockLinear * reps;
            steps += (long)blockSteps * reps;
        }

        var targetType = hasPower ? "POWER" : hasPace ? "PACE" : hasHr ? "HR" : null;
        var thresholdKnown = targetType switch
        {
            "POWER" => context.FtpWatts is > 0,
            "PACE" => context.ThresholdPaceSecsPerKm is > 0,
            "HR" => context.LthrBpm is > 0,
            _ => false,
        };

        double? intensity = null;
        double? load = null;
        double? normalized = null;
        double? average = null;
        if (thresholdKnown && seconds > 0)
        {
            intensity = Math.Pow(fourth / seconds, 0.25);
            load = seconds / 3600 * intensity * intensity * 100;
            if (targetType == "POWER")
            {
                normalized = intensity * context.FtpWatts!.Value;
                average = linear / seconds * context.FtpWatts.Value;
            }
        }

        return new WorkoutTotals
        {
            DurationSecs = (int)Math.Min(Math.Round(seconds), int.MaxValue),
            DistanceMeters = meters,
            DurationIsEstimated = estimated,
            Unestimable = unestimable ?? (IReadOnlyList<WorkoutStep>)[],
            StepCount = (int)Math.Min(steps, int.MaxValue),
            TargetType = targetType,
            IntensityFactor = intensity,
            EstimatedLoad = load,
            NormalizedPowerWatts = normalized,
            AverageWatts = average,
        };
    }
}
