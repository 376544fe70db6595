using CsCheck;

namespace IcuSync.Workouts.Tests.Properties;

/// <summary>Generators of valid workout trees: every construct the canonical formatter writes.</summary>
internal static class WorkoutTrees
{
    private static readonly string[] Words = ["Easy", "Spin", "Hold", "Build", "Smooth", "Steady", "Recovery", "Fast", "Relax", "Legs"];
    private static readonly string[] Titles = ["Warmup", "Main Set", "Cooldown", "Block A", "Over-unders", "Cool down", "Openers"];
    private static readonly string[] NoteTexts = ["(smooth)", "easy does it", ", stay relaxed", "(aim for 600m+)", "keep cadence high"];
    private static readonly string[] Markup = ["**Focus on form**", "<p class=\"text-red\">Hot day</p>", "---", "- Purpose: aerobic base", "- Squat 3x10 @ 60kg"];

    private static readonly Gen<string> Phrase = Gen.OneOf(Words).Array[1, 3].Select(static w => string.Join(' ', w));

    private static readonly Gen<double> Percent = Gen.Frequency((4, Gen.Int[30, 160].Select(static i => (double)i)), (1, Gen.Int[60, 320].Select(static i => i / 2.0)));

    private static readonly Gen<(double Low, double? High)> PercentRange =
        Gen.Select(Percent, Percent, Gen.Bool).Select(static (a, b, range) => range ? (a, (double?)b) : (a, null));

    private static WorkoutTarget Target(TargetKind kind, TargetUnit unit, (double Low, double? High) bounds, bool ramp = false) =>
        new() { Kind = kind, Unit = unit, Low = bounds.Low, High = bounds.High, Ramp = ramp && bounds.High is not null };

    private static readonly Gen<WorkoutTarget> Main = Gen.OneOf<WorkoutTarget>(
        Gen.Select(PercentRange, Gen.Bool).Select(static (b, ramp) => Target(TargetKind.Power, TargetUnit.PercentFtp, b, ramp)),
        Gen.Select(Gen.Int[80, 500], Gen.Int[80, 500], Gen.Bool, Gen.Bool)
            .Select(static (a, b, range, ramp) => Target(TargetKind.Power, TargetUnit.Watts, (a, range ? b : null), ramp)),
        Gen.Select(Gen.Int[1, 7], Gen.Int[1, 7], Gen.Bool, Gen.Bool)
            .Select(static (a, b, range, custom) => new WorkoutTarget { Kind = TargetKind.Power, Unit = TargetUnit.PowerZone, Low = a, High = range ? b : null, CustomZone = custom }),
        Gen.Select(PercentRange, Gen.OneOf<int?>(null, 60, 300, 1200))
            .Select(static (b, mmp) => new WorkoutTarget { Kind = TargetKind.Power, Unit = TargetUnit.PercentMmp, Low = b.Low, High = b.High, MmpSeconds = mmp }),
        Gen.Select(PercentRange, Gen.Bool).Select(static (b, ramp) => Target(TargetKind.HeartRate, TargetUnit.PercentMaxHr, b, ramp)),
        Gen.Select(PercentRange, Gen.Bool).Select(static (b, ramp) => Target(TargetKind.HeartRate, TargetUnit.PercentLthr, b, ramp)),
        Gen.Select(Gen.Int[1, 5], Gen.Int[1, 5], Gen.Bool, Gen.Bool)
            .Select(static (a, b, range, custom) => new WorkoutTarget { Kind = TargetKind.HeartRate, Unit = TargetUnit.HrZone, Low = a, High = range ? b : null, CustomZone = custom }),
        Gen.Select(PercentRange, Gen.Bool).Select(static (b, ramp) => Target(TargetKind.Pace, TargetUnit.PercentPace, b, ramp)),
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 6], Gen.Bool)
            .Select(static (a, b, range) => new WorkoutTarget { Kind = TargetKind.Pace, Unit = TargetUnit.PaceZone, Low = a, High = range ? b : null }),
        Gen.Select(Gen.Int[60, 4000], Gen.Int[60, 900], Gen.Bool, Gen.Enum<PaceDistance>(), Gen.Bool)
            .Select(static (a, b, range, unit, ramp) => new WorkoutTarget
            {
                Kind = TargetKind.Pace,
                Unit = TargetUnit.AbsolutePace,
                Low = a,
                High = range ? b : null,
                PaceDistance = unit,
                Ramp = ramp && range,
            }));

    private static readonly Gen<WorkoutTarget> Cadence =
        Gen.Select(Gen.Int[50, 120], Gen.Int[50, 130], Gen.Bool)
            .Select(static (a, b, range) => new WorkoutTarget { Kind = TargetKind.Cadence, Unit = TargetUnit.Rpm, Low = a, High = range ? b : null });

    private static readonly Gen<StepLength> Length = Gen.Frequency<StepLength>(
        (4, Gen.Int[1, 30_000].Select(static s => StepLength.FromSeconds(s))),
        (1, Gen.Select(Gen.OneOf(0.4, 1, 2.5, 10, 0.25, 21.0975), Gen.OneOf(DistanceUnit.Kilometers, DistanceUnit.Miles))
            .Select(static (v, u) => StepLength.FromDistance(v, u))),
        (1, Gen.Select(Gen.Int[25, 5000], Gen.OneOf(DistanceUnit.Meters, DistanceUnit.Yards))
            .Select(static (v, u) => StepLength.FromDistance(v, u))));

    private static readonly Gen<TimedPrompt[]> Prompts = Gen.Frequency<TimedPrompt[]>(
        (5, Gen.Const(Array.Empty<TimedPrompt>())),
        (1, Gen.Select(Phrase, Gen.Int[1, 600].Array[1, 3], Phrase)
            .Select(static (opening, times, text) =>
                new[] { new TimedPrompt(0, opening) }.Concat(times.Order().Select(t => new TimedPrompt(t, text))).ToArray())));

    private static readonly Gen<WorkoutStep> Step =
        Gen.Select(
                Phrase.Null(0.6),
                Prompts,
                Length,
                Main.Null(0.25),
                Cadence.Null(0.7),
                Gen.Bool,
                Gen.Bool,
                Gen.OneOf(NoteTexts).Null(0.7))
            .Select(static (cue, prompts, length, main, cadence, freeride, pressLap, note) =>
            {
                WorkoutTarget[] targets = [.. new[] { main, cadence }.OfType<WorkoutTarget>()];
                return new WorkoutStep
                {
                    Cue = prompts.Length > 0 ? null : cue,
                    Prompts = prompts,
                    Length = length,
                    Targets = targets,
                    Freeride = freeride && main is null,
                    PressLap = pressLap && note is null,
                    Note = note,
                };
            });

    private static readonly Gen<WorkoutLine> Line = Gen.Frequency<WorkoutLine>(
        (8, Step.Select(static s => (WorkoutLine)s)),
        (1, Gen.OneOf(Markup).Select(static text => (WorkoutLine)new WorkoutNote
        {
            Kind = text.Contains("3x10", StringComparison.Ordinal) ? NoteKind.Exercise : text.StartsWith("- ", StringComparison.Ordinal) ? NoteKind.Remark : NoteKind.Markup,
            Text = text,
        })));

    private static readonly Gen<WorkoutBlock> Block =
        Gen.Select(Gen.Enum<WorkoutBlockKind>(), Gen.OneOf(Titles).Null(0.3), Gen.Int[2, 20], Step, Line.Array[0, 6])
            .Select(static (kind, title, repeats, first, rest) => new WorkoutBlock
            {
                Kind = kind,
                Title = kind == WorkoutBlockKind.Loose ? null : kind == WorkoutBlockKind.Section ? title ?? "Main Set" : title,
                Repeats = kind == WorkoutBlockKind.Repeat ? repeats : 1,
                Lines = [first, .. rest],
            });

    public static readonly Gen<WorkoutSyntaxTree> Tree =
        Block.Array[1, 6].Select(static blocks => new WorkoutSyntaxTree(blocks));
}
