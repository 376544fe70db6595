using System.Globalization;
using IcuSync.Analytics.Power;

namespace IcuSync.Analytics.Cli;

/// <summary><c>icusync analyze cp FILE.csv --model …</c>: a critical-power fit from secs,watts points.</summary>
internal static class CpCommand
{
    private static readonly HashSet<string> ValueOptions = ["--model"];
    private static readonly HashSet<string> FlagOptions = ["--json"];

    public static bool Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, out string? error)
    {
        if (!CommandOptions.TryParse(args, 1, ValueOptions, FlagOptions, out var options, out error))
        {
            return false;
        }

        var (model, modelName) = options!.Value("--model") switch
        {
            null or "2p-hyperbolic" => (CriticalPowerModel.TwoParameterHyperbolic, "2p-hyperbolic"),
            "2p-linear" => (CriticalPowerModel.TwoParameterLinear, "2p-linear"),
            "3p" => (CriticalPowerModel.ThreeParameter, "3p"),
            _ => ((CriticalPowerModel?)null, options.Value("--model")!),
        };
        if (model is null)
        {
            error = $"option '--model': '{modelName}' is not a model; use 2p-hyperbolic, 2p-linear or 3p";
            return false;
        }

        if (!AnalyzeCommand.TryReadInput(options.File, stdin, out var text, out var source, out error)
            || !CsvTable.TryParse(text, source, "secs,watts", out var table, out error)
            || !table!.TryRequire(["secs", "watts"], out var indices, out error))
        {
            return false;
        }

        var points = new List<PowerDurationPoint>();
        foreach (var (line, cells) in table.Rows)
        {
            if (!table.TryNumber(line, cells, indices[0], out var secs, out error)
                || !table.TryNumber(line, cells, indices[1], out var watts, out error))
            {
                return false;
            }

            if (secs <= 0)
            {
                error = table.CellError(line, "secs", string.Create(CultureInfo.InvariantCulture, $"{secs} is not a positive duration; give the effort length in seconds"));
                return false;
            }

            if (watts < 0)
            {
                error = table.CellError(line, "watts", string.Create(CultureInfo.InvariantCulture, $"{watts} is negative; give the effort's mean power in watts"));
                return false;
            }

            points.Add(new PowerDurationPoint(secs, watts));
        }

        if (CriticalPowerEstimator.Fit(points, model.Value) is not { } fit)
        {
            var distinct = points.Select(p => p.DurationSeconds).Distinct().Count();
            error = $"{source}: row {table.Rows[^1].Line}, column 'secs': a CP fit needs at least 3 rows spanning at least 2 different durations, and the file has {points.Count} rows over {distinct} duration(s); add efforts between 2 and 20 minutes";
            return false;
        }

        using var json = new JsonOutput();
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteString("model", modelName);
        json.Number("cp", fit.CriticalPower);
        json.Number("w_prime", fit.WPrime);
        json.Number("p_max", fit.PMax);
        json.Number("r2", fit.RSquared);
        w.WriteBoolean("valid", fit.IsValid);
        w.WriteStartArray("unidentifiable");
        if (fit.Unidentifiable.HasFlag(CriticalPowerParameters.CriticalPower))
        {
            w.WriteStringValue("cp");
        }

        if (fit.Unidentifiable.HasFlag(CriticalPowerParameters.WPrime))
        {
            w.WriteStringValue("w_prime");
        }

        if (fit.Unidentifiable.HasFlag(CriticalPowerParameters.PMax))
        {
            w.WriteStringValue("p_max");
        }

        w.WriteEndArray();
        w.WriteEndObject();
        json.WriteTo(stdout);
        return true;
    }
}
