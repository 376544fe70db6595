using System.Globalization;
using System.Text;

namespace IcuSync.Workouts.Formatting;

/// <summary>
/// Prints a tree as canonical Workout Builder text: one blank line between blocks (so every repeat has blank lines around
/// it), <c>- </c> before every step, durations as <c>1h30m</c>/<c>1m30s</c>, distances as <c>mtr</c>/<c>km</c>/<c>mi</c>/<c>yrd</c>,
/// ranges with <c>-</c>, and keywords spelled <c>ramp</c>, <c>freeride</c>, <c>Press lap</c>, <c>HR</c>, <c>LTHR</c>, <c>Pace</c>, <c>MMP</c>.
/// Notes are kept verbatim.
/// </summary>
internal static class WorkoutFormatter
{
    public static string Format(WorkoutSyntaxTree tree)
    {
        var builder = new StringBuilder(tree.Text.Length + 16);
        var first = true;
        foreach (var block in tree.Blocks)
        {
            if (!first)
            {
                builder.Append("\n\n");
            }

            first = false;
            var lineFirst = true;
            if (HeaderLine(block) is { } header)
            {
                builder.Append(header);
                lineFirst = false;
            }

            foreach (var line in block.Lines)
            {
                if (!lineFirst)
                {
                    builder.Append('\n');
                }

                lineFirst = false;
                if (line is WorkoutStep step)
                {
                    AppendStep(builder, step);
                }
                else
                {
                    builder.Append(((WorkoutNote)line).Text);
                }
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The header line: <c>Title Nx</c>, unless moving the count to the end would make the line read differently
    /// (for example as a step); then the header as written, or the count first.
    /// </summary>
    private static string? HeaderLine(WorkoutBlock block)
    {
        if (block.Header is not { } canonical || block.Kind != WorkoutBlockKind.Repeat || block.Title is null)
        {
            return block.Header;
        }

        if (block.HeaderWasCanonical || ReadsAs(canonical, block))
        {
            return canonical;
        }

        if (block.WrittenHeader is { } written && ReadsAs(written, block))
        {
            return written;
        }

        var countFirst = string.Create(CultureInfo.InvariantCulture, $"{block.Repeats}x {block.Title}");
        return ReadsAs(countFirst, block) ? countFirst : canonical;
    }

    private static bool ReadsAs(string line, WorkoutBlock block)
    {
        var tree = WorkoutParser.Parse(line);
        return tree.Blocks is [{ Lines.Count: 0 } only]
            && only.Kind == block.Kind
            && only.Repeats == block.Repeats
            && string.Equals(only.Title, block.Title, StringComparison.Ordinal);
    }

    public static string FormatStep(WorkoutStep step)
    {
        var builder = new StringBuilder(32);
        AppendStep(builder, step);
        return builder.ToString();
    }

    public static string FormatTarget(WorkoutTarget target)
    {
        var builder = new StringBuilder(16);
        AppendTarget(builder, target);
        return builder.ToString();
    }

    private static void AppendStep(StringBuilder builder, WorkoutStep step)
    {
        builder.Append('-');
        if (step.Prompts.Count > 0)
        {
            for (var i = 0; i < step.Prompts.Count; i++)
            {
                var prompt = step.Prompts[i];
                if (i > 0)
                {
                    builder.Append(' ').Append(prompt.AtSeconds.ToString(CultureInfo.InvariantCulture)).Append('^');
                }

                if (prompt.Text.Length > 0)
                {
                    builder.Append(' ').Append(prompt.Text);
                }
            }

            builder.Append(" <!>");
        }

        if (step.Cue is { Length: > 0 } cue)
        {
            builder.Append(' ').Append(cue);
        }

        // A note that starts with HR, LTHR, Pace or MMP would be read as the last target's unit word if it followed the
        // target directly ("95% Press lap pace easy" must not become "95% pace easy Press lap", a pace target), so
        // Press lap, which separated them in the text, stays between them.
        var pressLapFirst = step.PressLap && step.Note is { Length: > 0 } text && text[0] is not (',' or ';')
            && step.Targets.Count > 0 && !step.Freeride && StartsWithTargetWord(text);
        if (step.Length is { } length)
        {
            builder.Append(' ');
            AppendLength(builder, length);
        }

        foreach (var target in step.Targets)
        {
            builder.Append(' ');
            AppendTarget(builder, target);
        }

        if (step.Freeride)
        {
            builder.Append(" freeride");
        }

        if (pressLapFirst)
        {
            builder.Append(" Press lap");
        }

        if (step.Note is { Length: > 0 } note)
        {
            if (note[0] is not (',' or ';'))
            {
                builder.Append(' ');
            }

            builder.Append(note);
        }

        if (step.PressLap && !pressLapFirst)
        {
            builder.Append(" Press lap");
        }
    }

    /// <summary>Whether the text's first word is one that the parser reads as a target's unit (HR, LTHR, Pace, MMP).</summary>
    private static bool StartsWithTargetWord(string text)
    {
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return Lexicon.IsTargetUnitWord(text.AsSpan(0, end));
    }

    public static void AppendLength(StringBuilder builder, StepLength length)
    {
        if (length.Kind == StepLengthKind.Time)
        {
            builder.Append(FormatDuration((int)length.Value));
            return;
        }

        builder.Append(Number(length.Value)).Append(length.Unit switch
        {
            DistanceUnit.Kilometers => "km",
            DistanceUnit.Miles => "mi",
            DistanceUnit.Yards => "yrd",
            _ => "mtr",
        });
    }

    /// <summary>Seconds as Workout Builder time: <c>1h30m</c>, <c>1m30s</c>, <c>45s</c>, <c>0s</c>.</summary>
    public static string FormatDuration(int seconds)
    {
        if (seconds <= 0)
        {
            return "0s";
        }

        var hours = seconds / 3600;
        var minutes = seconds / 60 % 60;
        var secs = seconds % 60;
        var builder = new StringBuilder(12);
        if (hours > 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (minutes > 0)
        {
            builder.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        if (secs > 0)
        {
            builder.Append(secs.ToString(CultureInfo.InvariantCulture)).Append('s');
        }

        return builder.ToString();
    }

    /// <summary>Seconds as a clock: <c>1:30</c> (h:mm) or <c>1:30:05</c> when seconds remain.</summary>
    public static string FormatClock(int seconds)
    {
        var hours = seconds / 3600;
        var minutes = seconds / 60 % 60;
        var secs = seconds % 60;
        return secs == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:00}:{secs:00}");
    }

    /// <summary>Seconds per unit as a pace: <c>7:15</c>, or <c>1:02:03</c> past an hour.</summary>
    public static string FormatPace(double seconds)
    {
        var whole = (int)Math.Round(seconds);
        var hours = whole / 3600;
        var minutes = whole / 60 % 60;
        var secs = whole % 60;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:00}:{secs:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes}:{secs:00}");
    }

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static void AppendTarget(StringBuilder builder, WorkoutTarget target)
    {
        if (target.Ramp)
        {
            builder.Append("ramp ");
        }

        switch (target.Unit)
        {
            case TargetUnit.PercentFtp:
                AppendRange(builder, target).Append('%');
                break;
            case TargetUnit.Watts:
                AppendRange(builder, target).Append('w');
                break;
            case TargetUnit.PowerZone:
                AppendZones(builder, target);
                break;
            case TargetUnit.PercentMmp:
                AppendRange(builder, target).Append("% MMP");
                if (target.MmpSeconds is { } mmp)
                {
                    builder.Append(' ').Append(FormatDuration(mmp));
                }

                break;
            case TargetUnit.PercentMaxHr:
                AppendRange(builder, target).Append("% HR");
                break;
            case TargetUnit.PercentLthr:
                AppendRange(builder, target).Append("% LTHR");
                break;
            case TargetUnit.HrZone:
                AppendZones(builder, target).Append(" HR");
                break;
            case TargetUnit.PercentPace:
                AppendRange(builder, target).Append("% Pace");
                break;
            case TargetUnit.PaceZone:
                AppendZones(builder, target).Append(" Pace");
                break;
            case TargetUnit.AbsolutePace:
                builder.Append(FormatPace(target.Low));
                if (target.High is { } high)
                {
                    builder.Append('-').Append(FormatPace(high));
                }

                builder.Append(PaceSuffix(target.PaceDistance)).Append(" Pace");
                break;
            case TargetUnit.Rpm:
                AppendRange(builder, target).Append("rpm");
                break;
            default:
                AppendRange(builder, target);
                builder.Append(target.Kind switch
                {
                    TargetKind.HeartRate => " HR",
                    TargetKind.Pace => " Pace",
                    _ => "",
                });
                break;
        }
    }

    public static string PaceSuffix(PaceDistance distance) => distance switch
    {
        PaceDistance.Kilometer => "/km",
        PaceDistance.Mile => "/mi",
        PaceDistance.Meters100 => "/100m",
        PaceDistance.Yards100 => "/100y",
        PaceDistance.Meters500 => "/500m",
        PaceDistance.Meters400 => "/400m",
        PaceDistance.Meters250 => "/250m",
        _ => "",
    };

    private static StringBuilder AppendRange(StringBuilder builder, WorkoutTarget target)
    {
        builder.Append(Number(target.Low));
        if (target.High is { } high)
        {
            builder.Append('-').Append(Number(high));
        }

        return builder;
    }

    private static StringBuilder AppendZones(StringBuilder builder, WorkoutTarget target)
    {
        var prefix = target.CustomZone ? "CZ" : "Z";
        builder.Append(prefix).Append(Number(target.Low));
        if (target.High is { } high)
        {
            builder.Append('-').Append(prefix).Append(Number(high));
        }

        return builder;
    }
}
