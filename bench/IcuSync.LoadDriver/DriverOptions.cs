using System.Globalization;

namespace IcuSync.LoadDriver;

/// <summary>A command-line mistake; the message names the option and the fix.</summary>
internal sealed class DriverUsageException(string message) : Exception(message);

/// <summary><c>--name value</c> pairs of one sub-command.</summary>
internal sealed class DriverOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static DriverOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DriverOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3)
            {
                throw new DriverUsageException($"Unexpected argument '{name}'. Options have the form --name value.");
            }

            if (i + 1 >= args.Count)
            {
                throw new DriverUsageException($"Option {name} needs a value.");
            }

            options._values[name[2..]] = args[++i];
        }

        return options;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Text(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public string Required(string name, string example) =>
        Text(name) ?? throw new DriverUsageException($"Missing --{name}, e.g. --{name} {example}.");

    public int Int(string name, int fallback, int min = 0, int max = int.MaxValue)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new DriverUsageException($"--{name} '{text}' must be a whole number from {min} to {max}.");
    }

    /// <summary>A duration such as <c>10s</c>, <c>500ms</c> or <c>2m</c>.</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? TimeSpan.FromSeconds(value * unit)
            : throw new DriverUsageException($"--{name} '{text}' is not a duration. Use e.g. 10s, 500ms or 2m.");
    }

    /// <summary>A comma-separated list of positive whole numbers, e.g. <c>1,16,128</c>.</summary>
    public IReadOnlyList<int> IntList(string name, IReadOnlyList<int> fallback)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            values.Add(int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new DriverUsageException($"--{name} '{text}' must list positive whole numbers, e.g. 1,16,128."));
        }

        return values.Count > 0 ? values : throw new DriverUsageException($"--{name} is empty; give e.g. 1,16,128.");
    }
}
