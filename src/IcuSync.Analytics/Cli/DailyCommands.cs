using System.Globalization;
using IcuSync.Analytics.Load;
using IcuSync.Analytics.Trends;
using IcuSync.Analytics.Wellness;

namespace IcuSync.Analytics.Cli;

/// <summary>The sub-commands over daily CSVs: <c>load</c>, <c>hrv</c> and <c>plateau</c>.</summary>
internal static class DailyCommands
{
    private static readonly HashSet<string> NoValues = [];
    private static readonly HashSet<string> JsonFlag = ["--json"];

    private enum DateOrder
    {
        /// <summary>Several rows may share a day (several activities); their values are summed.</summary>
        SameDayAllowed,

        /// <summary>One row per day, strictly increasing.</summary>
        Strict,
    }

    public static bool RunLoad(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, out string? error)
    {
        if (!TryReadDaily(args, stdin, "date,load", DateOrder.SameDayAllowed, emptyIs: 0, out var rows, out _, out error))
        {
            return false;
        }

        var series = DailySeries.SumByDay(rows);
        var pmc = Pmc.Compute(series);
        var loads = series.Values.AsSpan();
        var ewma = Acwr.Compute(loads);
        var rolling = Acwr.Compute(loads, new AcwrOptions { Method = AcwrMethod.RollingCoupled });
        var monotony = TrainingMonotony.Compute(loads);

        using var json = new JsonOutput();
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteStartArray("days");
        foreach (var day in pmc.Days)
        {
            w.WriteStartObject();
            json.Date("date", day.Date);
            json.Number("load", day.Load);
            json.Number("ctl", day.Ctl);
            json.Number("atl", day.Atl);
            json.Number("tsb", day.Tsb);
            json.Number("ramp", day.Ramp);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("summary");
        json.Number("acwr_ewma", ewma?.Ratio);
        json.Number("acwr_rolling", rolling?.Ratio);
        json.Number("monotony", monotony?.Monotony);
        json.Number("strain", monotony?.Strain);
        w.WriteEndObject();
        w.WriteEndObject();
        json.WriteTo(stdout);
        return true;
    }

    public static bool RunHrv(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, out string? error)
    {
        if (!TryReadDaily(args, stdin, "date,rmssd", DateOrder.Strict, emptyIs: double.NaN, out var rows, out _, out error))
        {
            return false;
        }

        var status = HrvTrend.Assess(rows);
        using var json = new JsonOutput();
        var w = json.Writer;
        w.WriteStartObject();
        json.Number("ln_mean_7d", status.LnRmssdMean7d);
        json.Number("cv_7d_pct", status.CvPercent7d);
        json.Number("baseline_low", status.BaselineLow);
        json.Number("baseline_high", status.BaselineHigh);
        json.String("state", status.State switch
        {
            HrvState.NotSupported => "not_supported",
            HrvState.NoBaseline => "no_baseline",
            HrvState.Suppressed => "suppressed",
            HrvState.Elevated => "elevated",
            _ => "normal",
        });
        w.WriteEndObject();
        json.WriteTo(stdout);
        return true;
    }

    public static bool RunPlateau(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, out string? error)
    {
        if (!TryReadDaily(args, stdin, "date,ctl", DateOrder.Strict, emptyIs: null, out var rows, out var lines, out error))
        {
            return false;
        }

        for (var i = 1; i < rows.Count; i++)
        {
            if (rows[i].Date != rows[i - 1].Date.AddDays(1))
            {
                error = string.Create(CultureInfo.InvariantCulture, $"{Source(args)}: row {lines[i]}, column 'date': {rows[i].Date:yyyy-MM-dd} does not follow {rows[i - 1].Date:yyyy-MM-dd}; CTL needs one row for every day, with no gaps");
                return false;
            }
        }

        var values = rows.Select(r => r.Value).ToArray();
        if (PlateauDetection.Detect(rows[0].Date, values) is not { } plateau)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{Source(args)}: row {lines[^1]}, column 'ctl': plateau detection needs at least {PlateauDetection.MinimumDays} days of CTL and the file has {rows.Count}; export a longer range");
            return false;
        }

        using var json = new JsonOutput();
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteBoolean("detected", plateau.Detected);
        json.Date("start", plateau.Start);
        json.Number("duration_days", plateau.DurationDays);
        json.Number("slope_per_week", plateau.SlopePerWeek);
        w.WriteString("trend", plateau.Trend switch
        {
            CtlTrend.Rising => "rising",
            CtlTrend.Declining => "declining",
            _ => "flat",
        });
        w.WriteEndObject();
        json.WriteTo(stdout);
        return true;
    }

    private static string Source(IReadOnlyList<string> args) =>
        args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } file && file != "-" ? Path.GetFileName(file) : "<stdin>";

    /// <summary>
    /// Reads a two-column daily CSV. Rows keep the file order and must be sorted by date. An empty value cell is
    /// <paramref name="emptyIs"/> (0 load, a missing RMSSD), or an error when that is null.
    /// </summary>
    private static bool TryReadDaily(IReadOnlyList<string> args, TextReader stdin, string header, DateOrder order, double? emptyIs, out List<DatedValue> rows, out List<int> lines, out string? error)
    {
        rows = [];
        lines = [];
        var columns = header.Split(',');
        if (!CommandOptions.TryParse(args, 1, NoValues, JsonFlag, out var options, out error)
            || !AnalyzeCommand.TryReadInput(options!.File, stdin, out var text, out var source, out error)
            || !CsvTable.TryParse(text, source, header, out var table, out error)
            || !table!.TryRequire(columns, out var indices, out error))
        {
            return false;
        }

        DateOnly? previous = null;
        foreach (var (line, cells) in table.Rows)
        {
            if (!table.TryDate(line, cells, indices[0], out var date, out error))
            {
                return false;
            }

            if (previous is { } before && (date < before || (order == DateOrder.Strict && date == before)))
            {
                error = table.CellError(line, columns[0], date == before
                    ? string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} appears twice; give one row per day")
                    : string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} comes after {before:yyyy-MM-dd} in the file; sort the rows by date, oldest first"));
                return false;
            }

            previous = date;
            double value;
            var cell = CsvTable.Cell(cells, indices[1]);
            if (string.IsNullOrEmpty(cell) && emptyIs is { } fallback)
            {
                value = fallback;
            }
            else if (!table.TryNumber(line, cells, indices[1], out value, out error))
            {
                return false;
            }

            rows.Add(new DatedValue(date, value));
            lines.Add(line);
        }

        error = null;
        return true;
    }
}
