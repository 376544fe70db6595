using System.Globalization;

namespace IcuSync.Analytics.Cli;

/// <summary>The FILE argument and the <c>--name value</c> options of one analyze sub-command.</summary>
internal sealed class CommandOptions
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private CommandOptions(string file) => File = file;

    /// <summary>The input path, or "-" for standard input.</summary>
    public string File { get; }

    public static bool TryParse(IReadOnlyList<string> args, int start, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flagOptions, out CommandOptions? options, out string? error)
    {
        options = null;
        string? file = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var name = arg;
                string? inline = null;
                var equals = arg.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    name = arg[..equals];
                    inline = arg[(equals + 1)..];
                }

                if (flagOptions.Contains(name) && inline is null)
                {
                    flags.Add(name);
                    continue;
                }

                if (!valueOptions.Contains(name))
                {
                    var known = string.Join(", ", valueOptions.Concat(flagOptions).Order(StringComparer.Ordinal));
                    error = $"unknown option '{name}'; this command accepts {known}";
                    return false;
                }

                if (values.ContainsKey(name))
                {
                    error = $"option '{name}' is given twice; give it once";
                    return false;
                }

                if (inline is null)
                {
                    if (i + 1 >= args.Count)
                    {
                        error = $"option '{name}' needs a value, e.g. {name} {Example(name)}";
                        return false;
                    }

                    inline = args[++i];
                }

                values[name] = inline;
                continue;
            }

            if (file is not null)
            {
                error = $"unexpected argument '{arg}'; give one FILE (or - for standard input)";
                return false;
            }

            file = arg;
        }

        if (file is null)
        {
            error = "missing FILE: give the path of a CSV file (or - to read standard input)";
            return false;
        }

        options = new CommandOptions(file);
        foreach (var (key, value) in values)
        {
            options.values[key] = value;
        }

        options.flags.UnionWith(flags);
        error = null;
        return true;
    }

    public bool Has(string name) => values.ContainsKey(name) || flags.Contains(name);

    public string? Value(string name) => values.GetValueOrDefault(name);

    /// <summary>Reads an optional positive number; error names the option and the accepted form.</summary>
    public bool TryPositive(string name, string unit, out double? value, out string? error)
    {
        value = null;
        error = null;
        if (Value(name) is not { } text)
        {
            return true;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) || number <= 0)
        {
            error = $"option '{name}': '{text}' is not a positive number of {unit}; use e.g. {name} {Example(name)}";
            return false;
        }

        value = number;
        return true;
    }

    private static string Example(string name) => name switch
    {
        "--ftp" or "--cp" => "250",
        "--w-prime" => "20000",
        "--lthr" => "165",
        "--max-hr" => "190",
        "--resting-hr" => "50",
        "--sex" => "female",
        "--threshold-pace" => "4:30/km",
        "--power-zones" => "55,75,90,105,120,150",
        "--power-zone-watts" => "150,200,240,280,320,400",
        "--durations" => "1,5,60,300,1200",
        "--best-efforts" => "300:3",
        "--wbal-model" => "integral",
        "--model" => "3p",
        _ => "VALUE",
    };
}
