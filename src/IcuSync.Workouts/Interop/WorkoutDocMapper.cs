using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IcuSync.Workouts.Totals;

namespace IcuSync.Workouts.Interop;

/// <summary>
/// Maps a tree to the Intervals.icu <c>workout_doc</c> JSON shape: <c>steps</c> (each with <c>duration</c> in seconds or
/// <c>distance</c> in meters, <c>text</c>, flags and <c>power</c>/<c>hr</c>/<c>pace</c>/<c>cadence</c> targets with
/// <c>units</c>), repeat blocks as <c>{text, reps, duration, steps}</c>, and the totals.
/// </summary>
internal static class WorkoutDocMapper
{
    private const int SweetSpotLow = 84;
    private const int SweetSpotHigh = 97;

    public static JsonObject Map(WorkoutSyntaxTree tree, WorkoutContext context, WorkoutTotals totals)
    {
        var steps = new JsonArray();
        var description = new StringBuilder();
        var power = totals.TargetType == "POWER" && context.FtpWatts is > 0 ? new double[8] : null;
        foreach (var block in tree.Blocks)
        {
            var role = block.Role;
            var into = block.Kind == WorkoutBlockKind.Repeat ? new JsonArray() : steps;
            var reps = block.Kind == WorkoutBlockKind.Repeat ? block.Repeats : 1;
            double blockSeconds = 0;
            double blockMeters = 0;
            var blockSteps = 0;
            foreach (var line in block.Lines)
            {
                if (line is WorkoutNote note)
                {
                    AppendLine(description, note.Text.Trim());
                    continue;
                }

                var step = (WorkoutStep)line;
                if (step.Length is null)
                {
                    continue;
                }

                into.Add((JsonNode)MapStep(step, role, context, out var seconds, out var meters));
                blockSeconds += seconds;
                blockMeters += meters;
                blockSteps++;
                if (power is not null)
                {
                    AddZoneSeconds(step, context, seconds * reps, power);
                }
            }

            if (block.Kind == WorkoutBlockKind.Repeat && blockSteps > 0)
            {
                var repeat = new JsonObject
                {
                    ["text"] = block.Header,
                    ["reps"] = reps,
                    ["duration"] = Whole(blockSeconds * reps),
                };
                if (blockMeters > 0)
                {
                    repeat["distance"] = Number(blockMeters * reps);
                }

                repeat["steps"] = into;
                steps.Add((JsonNode)repeat);
            }
            else if (blockSteps == 0 && block.Title is { } title && block.Kind == WorkoutBlockKind.Section)
            {
                AppendLine(description, title);
            }
        }

        var doc = new JsonObject();
        if (description.Length > 0)
        {
            doc["description"] = description.ToString();
        }

        if (totals.TargetType is { } target)
        {
            doc["target"] = target;
        }

        doc["duration"] = totals.DurationSecs;
        doc["distance"] = Number(totals.DistanceMeters);
        doc["steps"] = steps;
        if (power is not null)
        {
            doc["zoneTimes"] = ZoneTimes(power, context.FtpWatts!.Value);
        }

        if (totals.AverageWatts is { } average)
        {
            doc["average_watts"] = Whole(average);
        }

        if (totals.NormalizedPowerWatts is { } normalized)
        {
            doc["normalized_power"] = Whole(normalized);
        }

        if (context.ResolveTargets)
        {
            if (context.FtpWatts is { } ftp)
            {
                doc["ftp"] = ftp;
            }

            if (context.LthrBpm is { } lthr)
            {
                doc["lthr"] = lthr;
            }

            if (context.ThresholdPaceSecsPerKm is > 0)
            {
                doc["threshold_pace"] = Number(Math.Round(1000 / context.ThresholdPaceSecsPerKm.Value, 4));
            }
        }

        return doc;
    }

    private static void AppendLine(StringBuilder builder, string line)
    {
        if (line.Length == 0)
        {
            return;
        }

        if (builder.Length > 0)
        {
            builder.Append('\n');
        }

        builder.Append(line);
    }

    private static JsonObject MapStep(WorkoutStep step, SectionRole role, WorkoutContext context, out double seconds, out double meters)
    {
        var obj = new JsonObject();
        var text = StepText(step);
        if (text is not null)
        {
            obj["text"] = text;
        }

        meters = 0;
        seconds = 0;
        var length = step.Length!;
        if (length.Kind == StepLengthKind.Time)
        {
            seconds = length.Value;
            obj["duration"] = (int)length.Value;
        }
        else
        {
            meters = length.Meters ?? 0;
            if (IntensityModel.Speed(step, context) is { } speed)
            {
                seconds = meters / speed;
                obj["duration"] = Whole(seconds);
            }

            obj["distance"] = Number(meters);
        }

        if (role == SectionRole.Warmup)
        {
            obj["warmup"] = true;
        }
        else if (role == SectionRole.Cooldown)
        {
            obj["cooldown"] = true;
        }

        if (step.MainTarget is { Ramp: true })
        {
            obj["ramp"] = true;
        }

        if (step.Freeride)
        {
            obj["freeride"] = true;
        }

        if (step.PressLap)
        {
            obj["until_lap_press"] = true;
        }

        foreach (var target in step.Targets)
        {
            var key = target.Kind switch
            {
                TargetKind.HeartRate => "hr",
                TargetKind.Pace => "pace",
                TargetKind.Cadence => "cadence",
                _ => "power",
            };
            if (target.Unit == TargetUnit.None || obj.ContainsKey(key))
            {
                continue;
            }

            obj[key] = Target(target, context.Sport);
            if (context.ResolveTargets && Resolve(target, context) is { } resolved)
            {
                obj["_" + key] = resolved;
            }
        }

        return obj;
    }

    private static string? StepText(WorkoutStep step)
    {
        if (step.Prompts.Count == 0)
        {
            return step.Cue;
        }

        // Timed prompts stay in the cue text in their N^ form, the way devices receive them.
        var builder = new StringBuilder();
        foreach (var prompt in step.Prompts)
        {
            if (prompt.AtSeconds > 0)
            {
                if (builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(prompt.AtSeconds.ToString(CultureInfo.InvariantCulture)).Append('^');
                builder.Append(prompt.Text);
            }
            else
            {
                builder.Append(prompt.Text);
            }
        }

        if (step.Cue is { } cue)
        {
            builder.Append(' ').Append(cue);
        }

        return builder.ToString().Trim();
    }

    private static JsonObject Target(WorkoutTarget target, string sport)
    {
        var obj = new JsonObject();
        if (target.High is { } high)
        {
            obj["start"] = Number(target.Low);
            obj["end"] = Number(high);
        }
        else
        {
            obj["value"] = Number(target.Low);
        }

        obj["units"] = Units(target, sport);
        return obj;
    }

    /// <summary>The <c>units</c> value for a target, as in Intervals.icu's workout_doc.</summary>
    public static string Units(WorkoutTarget target, string sport) => target.Unit switch
    {
        TargetUnit.PercentFtp => "%ftp",
        TargetUnit.Watts => "w",
        TargetUnit.PowerZone => "power_zone",
        TargetUnit.PercentMmp => "%mmp",
        TargetUnit.PercentMaxHr => "%hr",
        TargetUnit.PercentLthr => "%lthr",
        TargetUnit.HrZone => "hr_zone",
        TargetUnit.PercentPace => "%pace",
        TargetUnit.PaceZone => "pace_zone",
        TargetUnit.Rpm => "rpm",
        TargetUnit.AbsolutePace => target.PaceDistance switch
        {
            PaceDistance.Kilometer => "secs/km",
            PaceDistance.Mile => "secs/mile",
            PaceDistance.Meters100 => "secs/100m",
            PaceDistance.Yards100 => "secs/100y",
            PaceDistance.Meters500 => "secs/500m",
            PaceDistance.Meters400 => "secs/400m",
            PaceDistance.Meters250 => "secs/250m",
            _ => WorkoutSports.FamilyOf(sport) == SportFamily.Swimming ? "secs/100m" : "secs/km",
        },
        _ => "",
    };

    /// <summary>Absolute values like Intervals.icu's resolve=true: <c>_power</c> in W, <c>_hr</c> in bpm, <c>_pace</c> in m/s.</summary>
    private static JsonObject? Resolve(WorkoutTarget target, WorkoutContext context)
    {
        Func<double, double?> convert = target.Unit switch
        {
            TargetUnit.PercentFtp when context.FtpWatts is { } ftp => v => v / 100 * ftp,
            TargetUnit.Watts => v => v,
            TargetUnit.PercentLthr when context.LthrBpm is { } lthr => v => v / 100 * lthr,
            TargetUnit.PercentPace when context.ThresholdPaceSecsPerKm is > 0 => v => v / 100 * 1000 / context.ThresholdPaceSecsPerKm.Value,
            TargetUnit.AbsolutePace => v => v > 0 ? IntensityModel.MetersOf(target.PaceDistance, context.Sport) / v : null,
            _ => static _ => null,
        };
        if (convert(target.Low) is not { } low)
        {
            return null;
        }

        var obj = new JsonObject();
        if (target.High is { } high && convert(high) is { } end)
        {
            obj["start"] = Number(Math.Round(low, 3));
            obj["end"] = Number(Math.Round(end, 3));
        }
        else
        {
            obj["value"] = Number(Math.Round(low, 3));
        }

        return obj;
    }

    /// <summary>Adds a step's seconds to the power zones by its % of FTP (ramps split across the zones they cross).</summary>
    private static void AddZoneSeconds(WorkoutStep step, WorkoutContext context, double seconds, double[] zones)
    {
        if (seconds <= 0 || step.MainTarget is not { Kind: TargetKind.Power } target || target.Unit == TargetUnit.None)
        {
            return;
        }

        if (IntensityModel.Fraction(step, context) is not var (start, end))
        {
            return;
        }

        // Rounded so that 55 % lands in Z1 (≤ 55) despite binary fractions.
        var a = Math.Round(start * 100, 6);
        var b = Math.Round(end * 100, 6);
        var previous = double.NegativeInfinity;
        for (var zone = 0; zone < 7; zone++)
        {
            var top = zone < IntensityModel.PowerZoneTops.Length ? IntensityModel.PowerZoneTops[zone] : double.PositiveInfinity;
            zones[zone] += seconds * Share(a, b, previous, top);
            previous = top;
        }

        zones[7] += seconds * Share(a, b, SweetSpotLow - 1, SweetSpotHigh);
    }

    /// <summary>The share of a linear move from a to b that lies in (low, high]; a constant value counts fully or not at all.</summary>
    private static double Share(double a, double b, double low, double high)
    {
        if (Math.Abs(b - a) < 1e-9)
        {
            return a > low && a <= high ? 1 : 0;
        }

        var min = Math.Min(a, b);
        var max = Math.Max(a, b);
        var overlap = Math.Min(max, high) - Math.Max(min, low);
        return overlap <= 0 ? 0 : overlap / (max - min);
    }

    private static JsonArray ZoneTimes(double[] seconds, int ftp)
    {
        var array = new JsonArray();
        var previousTop = 0;
        for (var zone = 0; zone < 7; zone++)
        {
            var entry = new JsonObject
            {
                ["id"] = string.Create(CultureInfo.InvariantCulture, $"Z{zone + 1}"),
                ["zone"] = zone + 1,
                ["name"] = IntensityModel.PowerZoneNames[zone],
            };
            var minPercent = zone == 0 ? 0 : previousTop + 1;
            if (zone > 0)
            {
                entry["min"] = minPercent;
            }

            entry["minWatts"] = zone == 0 ? 1 : (int)Math.Round(previousTop / 100.0 * ftp, MidpointRounding.AwayFromZero) + 1;
            if (zone < IntensityModel.PowerZoneTops.Length)
            {
                var top = IntensityModel.PowerZoneTops[zone];
                entry["max"] = top;
                entry["maxWatts"] = (int)Math.Round(top / 100.0 * ftp, MidpointRounding.AwayFromZero);
                entry["percentRange"] = string.Create(CultureInfo.InvariantCulture, $"{minPercent}% - {top}%");
                previousTop = top;
            }
            else
            {
                entry["percentRange"] = string.Create(CultureInfo.InvariantCulture, $"> {previousTop}%");
            }

            entry["secs"] = Whole(seconds[zone]);
            array.Add((JsonNode)entry);
        }

        array.Add((JsonNode)new JsonObject
        {
            ["id"] = "SS",
            ["zone"] = 8,
            ["name"] = "Sweet Spot",
            ["min"] = SweetSpotLow,
            ["max"] = SweetSpotHigh,
            ["minWatts"] = (int)Math.Round(SweetSpotLow / 100.0 * ftp, MidpointRounding.AwayFromZero),
            ["maxWatts"] = (int)Math.Round(SweetSpotHigh / 100.0 * ftp, MidpointRounding.AwayFromZero),
            ["percentRange"] = string.Create(CultureInfo.InvariantCulture, $"{SweetSpotLow}% - {SweetSpotHigh}%"),
            ["secs"] = Whole(seconds[7]),
        });
        return array;
    }

    private static JsonNode Whole(double value) => JsonValue.Create((int)Math.Min(Math.Round(value), int.MaxValue));

    private static JsonNode Number(double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < int.MaxValue)
        {
            return JsonValue.Create((int)value);
        }

        return JsonValue.Create(value);
    }
}
