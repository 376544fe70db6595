using System.Collections.Immutable;
using System.Globalization;
using IcuSync.Analytics.Distribution;
using IcuSync.Analytics.Load;
using IcuSync.Analytics.Power;
using IcuSync.Analytics.Streams;

namespace IcuSync.Analytics.Cli;

/// <summary><c>icusync analyze stream FILE.csv …</c>: per-activity metrics from a 1 Hz CSV.</summary>
internal static class StreamCommand
{
    private static readonly string[] KnownColumns = ["watts", "heartrate", "velocity_smooth", "cadence", "altitude", "distance"];

    private static readonly HashSet<string> ValueOptions =
    [
        "--ftp", "--cp", "--w-prime", "--lthr", "--max-hr", "--resting-hr", "--sex", "--threshold-pace",
        "--power-zones", "--power-zone-watts", "--durations", "--best-efforts", "--wbal-model",
    ];

    private static readonly HashSet<string> FlagOptions = ["--json"];

    public static bool Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, out string? error)
    {
        if (!CommandOptions.TryParse(args, 1, ValueOptions, FlagOptions, out var options, out error)
            || !TryBuildOptions(options!, out var analysisOptions, out error)
            || !AnalyzeCommand.TryReadInput(options!.File, stdin, out var text, out var source, out error)
            || !CsvTable.TryParse(text, source, string.Join(',', KnownColumns), out var table, out error)
            || !TryReadStreams(table!, out var streams, out error))
        {
            return false;
        }

        var analysis = ActivityAnalyzer.Analyze(streams!, analysisOptions);
        if (options.Has("--json"))
        {
            WriteJson(analysis, analysisOptions!, stdout);
        }
        else
        {
            WriteText(analysis, analysisOptions!, stdout);
        }

        return true;
    }

    private static bool TryReadStreams(CsvTable table, out ActivityStreams? streams, out string? error)
    {
        streams = null;
        var present = KnownColumns.Where(c => table.Column(c) >= 0).ToArray();
        if (present.Length == 0)
        {
            error = $"{table.Source}: row {table.HeaderRow}, column '{table.Header[0]}': no known column in the header ({string.Join(',', table.Header)}); name at least one of {string.Join(", ", KnownColumns)}";
            return false;
        }

        var data = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var name in present)
        {
            data[name] = new double[table.Rows.Count];
        }

        for (var r = 0; r < table.Rows.Count; r++)
        {
            var (line, cells) = table.Rows[r];
            foreach (var name in present)
            {
                var column = table.Column(name);
                var cell = CsvTable.Cell(cells, column);

                if (cell is null)
                {
                    error = table.CellError(line, name, $"the row has {cells.Length} cells but the header names {table.Header.Length}; leave the cell empty for a drop-out");
                    return false;
                }

                // An empty cell or NaN is a drop-out: the metrics read it as no signal for that second.
                if (cell.Length == 0 || cell.Equals("NaN", StringComparison.OrdinalIgnoreCase))
                {
                    data[name][r] = double.NaN;
                    continue;
                }

                if (!table.TryNumber(line, cells, column, out var value, out error))
                {
                    return false;
                }

                data[name][r] = value;
            }
        }

        streams = new ActivityStreams
        {
            Watts = data.GetValueOrDefault("watts"),
            HeartRate = data.GetValueOrDefault("heartrate"),
            Speed = data.GetValueOrDefault("velocity_smooth"),
            Cadence = data.GetValueOrDefault("cadence"),
            Altitude = data.GetValueOrDefault("altitude"),
            Distance = data.GetValueOrDefault("distance"),
        };
        error = null;
        return true;
    }

    private static bool TryBuildOptions(CommandOptions options, out ActivityAnalysisOptions? result, out string? error)
    {
        result = null;
        if (!options.TryPositive("--ftp", "watts", out var ftp, out error)
            || !options.TryPositive("--cp", "watts", out var cp, out error)
            || !options.TryPositive("--w-prime", "joules", out var wPrime, out error)
            || !options.TryPositive("--lthr", "bpm", out var lthr, out error)
            || !options.TryPositive("--max-hr", "bpm", out var maxHr, out error)
            || !options.TryPositive("--resting-hr", "bpm", out var restingHr, out error))
        {
            return false;
        }

        if (cp.HasValue != wPrime.HasValue)
        {
            error = "options '--cp' and '--w-prime' go together for W′ balance; give both, e.g. --cp 250 --w-prime 20000";
            return false;
        }

        if (options.Has("--wbal-model") && cp is null)
        {
            error = "option '--wbal-model' needs '--cp' and '--w-prime'";
            return false;
        }

        var model = WPrimeBalanceModel.Differential;
        switch (options.Value("--wbal-model"))
        {
            case null or "differential":
                break;
            case "integral":
                model = WPrimeBalanceModel.Integral;
                break;
            case var other:
                error = $"option '--wbal-model': '{other}' is not a model; use differential or integral";
                return false;
        }

        HeartRateProfile? profile = null;
        var hrOptions = new[] { "--lthr", "--max-hr", "--resting-hr", "--sex" };
        if (hrOptions.Any(options.Has))
        {
            var missing = hrOptions.Where(o => !options.Has(o)).ToArray();
            if (missing.Length > 0)
            {
                error = $"heart-rate load needs --lthr, --max-hr, --resting-hr and --sex together; add {string.Join(", ", missing)}";
                return false;
            }

            Sex sex;
            switch (options.Value("--sex")!.ToUpperInvariant())
            {
                case "MALE" or "M":
                    sex = Sex.Male;
                    break;
                case "FEMALE" or "F":
                    sex = Sex.Female;
                    break;
                default:
                    error = $"option '--sex': '{options.Value("--sex")}' is not accepted; use male or female";
                    return false;
            }

            profile = new HeartRateProfile(restingHr!.Value, maxHr!.Value, lthr!.Value, sex);
            if (!profile.IsUsable)
            {
                error = "heart-rate anchors: --max-hr and --lthr must both be above --resting-hr";
                return false;
            }
        }

        double? thresholdSpeed = null;
        if (options.Value("--threshold-pace") is { } paceText)
        {
            if (!TryParsePace(paceText, out var secondsPerKm))
            {
                error = $"option '--threshold-pace': '{paceText}' is not a pace; use minutes:seconds per km, e.g. --threshold-pace 4:30/km";
                return false;
            }

            thresholdSpeed = TrainingLoad.SpeedFromPace(secondsPerKm);
        }

        if (options.Has("--power-zones") && options.Has("--power-zone-watts"))
        {
            error = "options '--power-zones' (percent of FTP) and '--power-zone-watts' (watts) exclude each other; give one";
            return false;
        }

        var zoneTops = ImmutableArray<double>.Empty;
        if (options.Value("--power-zones") is { } percentText)
        {
            if (ftp is null)
            {
                error = "option '--power-zones' gives zone tops in percent of FTP and needs '--ftp'; add --ftp W or use --power-zone-watts";
                return false;
            }

            if (!TryParseTops("--power-zones", percentText, out var percents, out error))
            {
                return false;
            }

            zoneTops = ZoneTimes.TopsFromPercent(percents, ftp.Value);
        }
        else if (options.Value("--power-zone-watts") is { } wattsText)
        {
            if (!TryParseTops("--power-zone-watts", wattsText, out var tops, out error))
            {
                return false;
            }

            zoneTops = [.. tops];
        }
        else if (ftp is { } f)
        {
            zoneTops = ZoneTimes.TopsFromPercent(ZoneTimes.CogganPowerTopsPercent.AsSpan(), f);
        }

        var durations = ImmutableArray<int>.Empty;
        if (options.Value("--durations") is { } durationText)
        {
            var parsed = new List<int>();
            foreach (var part in durationText.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
                {
                    error = $"option '--durations': '{part}' is not a whole number of seconds of at least 1; use e.g. --durations 1,5,60,300";
                    return false;
                }

                parsed.Add(seconds);
            }

            durations = [.. parsed];
        }

        int? effortSeconds = null;
        var effortCount = 3;
        if (options.Value("--best-efforts") is { } effortText)
        {
            var parts = effortText.Split(':');
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var secs) || secs < 1
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out effortCount) || effortCount < 1)
            {
                error = $"option '--best-efforts': '{effortText}' is not SECS:COUNT; use e.g. --best-efforts 300:3 for the three best 5-minute efforts";
                return false;
            }

            effortSeconds = secs;
        }

        result = new ActivityAnalysisOptions
        {
            Ftp = ftp,
            CriticalPower = cp,
            WPrime = wPrime,
            HeartRateProfile = profile,
            ThresholdSpeed = thresholdSpeed,
            PowerZoneTops = zoneTops,
            MeanMaxDurations = durations,
            BestEffortSeconds = effortSeconds,
            BestEffortCount = effortCount,
            WPrimeBalanceModel = model,
        };
        error = null;
        return true;
    }

    private static bool TryParseTops(string option, string text, out double[] tops, out string? error)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        tops = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out tops[i]) || !double.IsFinite(tops[i]) || tops[i] <= 0)
            {
                error = $"option '{option}': '{parts[i]}' is not a positive number; list the zone tops, e.g. {option} {(option == "--power-zones" ? "55,75,90,105,120,150" : "150,200,240,280,320,400")}";
                return false;
            }

            if (i > 0 && tops[i] <= tops[i - 1])
            {
                error = $"option '{option}': the zone tops must increase ({parts[i - 1]} then {parts[i]}); list them from zone 1 up";
                return false;
            }
        }

        error = null;
        return true;
    }

    private static bool TryParsePace(string text, out double secondsPerKm)
    {
        secondsPerKm = 0;
        var value = text.Trim();
        if (value.EndsWith("/km", StringComparison.OrdinalIgnoreCase))
        {
            value = value[..^3];
        }

        var parts = value.Split(':');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || !double.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || parts[1].Length < 2 || seconds >= 60)
        {
            return false;
        }

        secondsPerKm = (minutes * 60) + seconds;
        return secondsPerKm > 0;
    }

    private static void WriteJson(ActivityAnalysis a, ActivityAnalysisOptions options, TextWriter stdout)
    {
        using var json = new JsonOutput();
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteNumber("duration_s", a.DurationSeconds);
        json.Number("avg_power", a.Power?.AveragePower);
        json.Number("np", a.Power?.NormalizedPower);
        json.Number("if", a.Power?.IntensityFactor);
        json.Number("load", a.Load);
        json.String("load_source", a.LoadSource switch
        {
            LoadSource.Power => "power",
            LoadSource.Pace => "pace",
            LoadSource.HeartRate => "heart_rate",
            _ => null,
        });
        json.Number("vi", a.Power?.VariabilityIndex);
        json.Number("work_kj", a.Power is { } p ? p.WorkJoules / 1000 : null);
        json.Number("avg_hr", a.AverageHeartRate);
        json.Number("ef", a.EfficiencyFactor);
        json.Number("decoupling_pct", a.Decoupling?.Percent);
        WriteCurve(json, "mmp", a.PowerCurve);
        WriteCurve(json, "mmhr", a.HeartRateCurve);
        if (a.TimeInPowerZones is { } zones)
        {
            w.WriteStartArray("time_in_zones_s");
            foreach (var seconds in zones)
            {
                w.WriteNumberValue(seconds);
            }

            w.WriteEndArray();
        }
        else
        {
            w.WriteNull("time_in_zones_s");
        }

        if (options.BestEffortSeconds is not null && a.Power is not null)
        {
            w.WriteStartArray("best_efforts");
            foreach (var effort in a.BestEfforts)
            {
                w.WriteStartObject();
                w.WriteNumber("end_index", effort.EndIndex);
                json.Number("mean", effort.Mean);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }
        else
        {
            w.WriteNull("best_efforts");
        }

        if (a.WPrimeBalance is { } wbal)
        {
            w.WriteStartObject("wbal");
            w.WriteString("model", wbal.Model == WPrimeBalanceModel.Integral ? "integral" : "differential");
            json.Number("min_j", wbal.MinimumJoules);
            w.WriteNumber("min_at_s", wbal.MinimumAtSeconds);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("wbal");
        }

        w.WriteEndObject();
        json.WriteTo(stdout);
    }

    private static void WriteCurve(JsonOutput json, string name, MeanMaxCurve? curve)
    {
        if (curve is null)
        {
            json.Writer.WriteNull(name);
            return;
        }

        json.Writer.WriteStartObject(name);
        for (var i = 0; i < curve.Count; i++)
        {
            json.Writer.WritePropertyName(curve.Durations[i].ToString(CultureInfo.InvariantCulture));
            json.NumberValue(curve.Values[i]);
        }

        json.Writer.WriteEndObject();
    }

    private static void WriteText(ActivityAnalysis a, ActivityAnalysisOptions options, TextWriter stdout)
    {
        var c = CultureInfo.InvariantCulture;
        string F(double? value, string format, string unit) => value is { } v && double.IsFinite(v) ? v.ToString(format, c) + unit : "n/a";
        var duration = TimeSpan.FromSeconds(a.DurationSeconds);
        stdout.WriteLine(string.Create(c, $"duration        {(int)duration.TotalHours}:{duration.Minutes:00}:{duration.Seconds:00} ({a.DurationSeconds} s)"));
        stdout.WriteLine($"average power   {F(a.Power?.AveragePower, "0.0", " W")}");
        stdout.WriteLine($"NP              {F(a.Power?.NormalizedPower, "0.0", " W")}");
        stdout.WriteLine($"IF              {F(a.Power?.IntensityFactor, "0.000", string.Empty)}");
        var sourceLabel = a.LoadSource switch
        {
            LoadSource.Power => " (power)",
            LoadSource.Pace => " (pace)",
            LoadSource.HeartRate => " (heart rate, HRSS)",
            _ => string.Empty,
        };
        stdout.WriteLine($"load            {F(a.Load, "0.0", sourceLabel)}");
        stdout.WriteLine($"VI              {F(a.Power?.VariabilityIndex, "0.000", string.Empty)}");
        stdout.WriteLine($"work            {F(a.Power is { } p ? p.WorkJoules / 1000 : null, "0.0", " kJ")}");
        stdout.WriteLine($"average HR      {F(a.AverageHeartRate, "0.0", " bpm")}");
        stdout.WriteLine($"EF              {F(a.EfficiencyFactor, "0.000", a.Power is null ? " (m/s)/bpm" : " W/bpm")}");
        stdout.WriteLine($"decoupling      {F(a.Decoupling?.Percent, "0.0", " %")}");
        if (a.PowerCurve is { Count: > 0 } mmp)
        {
            stdout.WriteLine("mean-max power  " + string.Join("  ", Enumerable.Range(0, mmp.Count).Select(i => string.Create(c, $"{mmp.Durations[i]} s {mmp.Values[i]:0} W"))));
        }

        if (a.HeartRateCurve is { Count: > 0 } mmhr)
        {
            stdout.WriteLine("mean-max HR     " + string.Join("  ", Enumerable.Range(0, mmhr.Count).Select(i => string.Create(c, $"{mmhr.Durations[i]} s {mmhr.Values[i]:0} bpm"))));
        }

        if (a.TimeInPowerZones is { } zones)
        {
            stdout.WriteLine("time in zones   " + string.Join("  ", zones.Select((s, i) => string.Create(c, $"Z{i + 1} {s:0} s"))));
        }

        if (options.BestEffortSeconds is { } secs && a.Power is not null)
        {
            stdout.WriteLine(string.Create(c, $"best {secs} s     ") + string.Join("  ", a.BestEfforts.Select(e => string.Create(c, $"{e.Mean:0.0} W ending at {e.EndIndex}"))));
        }

        if (a.WPrimeBalance is { } wbal)
        {
            stdout.WriteLine(string.Create(c, $"W′ balance      {(wbal.Model == WPrimeBalanceModel.Integral ? "integral" : "differential")}: minimum {wbal.MinimumJoules:0} J at {wbal.MinimumAtSeconds} s, {wbal.SecondsBelowQuarter} s below 25 %"));
        }
    }
}
