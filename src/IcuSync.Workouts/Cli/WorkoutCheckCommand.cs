using System.Globalization;
using System.Text;
using System.Text.Json;
using IcuSync.Workouts.Formatting;

namespace IcuSync.Workouts.Cli;

/// <summary>
/// <c>icusync workout check [FILE|-] [--sport ..] [--duration H:MM] [--ftp W] [--threshold-pace M:SS/km] [--lthr BPM] [--json]</c>:
/// checks a workout text and prints the findings, totals and canonical text. Exit code 0 when there are no errors,
/// 1 when there are errors, 2 on a usage error (bad option, unreadable file).
/// </summary>
public static class WorkoutCheckCommand
{
    /// <summary>Exit code when the text has no errors.</summary>
    public const int ExitValid = 0;

    /// <summary>Exit code when the text has errors.</summary>
    public const int ExitInvalid = 1;

    /// <summary>Exit code for a usage error.</summary>
    public const int ExitUsage = 2;

    /// <summary>The usage text.</summary>
    public const string Usage =
        "usage: icusync workout check [FILE|-] [--sport Ride|Run|Swim|...] [--duration H:MM] [--ftp W] [--threshold-pace M:SS/km] [--lthr BPM] [--json]\n" +
        "  Reads the workout text from FILE, or from standard input when FILE is '-' or missing.\n" +
        "  Exit codes: 0 no errors, 1 errors found, 2 usage error.";

    private const string Red = "\u001b[31m";
    private const string Yellow = "\u001b[33m";
    private const string Green = "\u001b[32m";
    private const string Dim = "\u001b[2m";
    private const string Bold = "\u001b[1m";
    private const string Reset = "\u001b[0m";

    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments after <c>icusync workout check</c>.</param>
    /// <param name="stdin">Where the text is read from when no file is given.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where usage errors go.</param>
    /// <param name="colour">True to colour the human-readable output with ANSI escapes (a terminal).</param>
    /// <returns>0 no errors, 1 errors, 2 usage error.</returns>
    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool colour)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var options = new Options();
        var problem = ParseArguments(args, options);
        if (options.Help)
        {
            stdout.WriteLine(Usage);
            return ExitValid;
        }

        if (problem is not null)
        {
            return UsageError(stderr, problem);
        }

        string text;
        if (options.File is null or "-")
        {
            text = stdin.ReadToEnd();
        }
        else
        {
            if (!File.Exists(options.File))
            {
                return UsageError(stderr, $"file '{options.File}' does not exist; give a readable workout text file, or '-' to read standard input.");
            }

            try
            {
                text = File.ReadAllText(options.File);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return UsageError(stderr, $"cannot read '{options.File}': {ex.Message}");
            }
        }

        var context = new WorkoutContext(options.Sport, options.Ftp, options.ThresholdPace, options.Lthr, options.Duration);
        var analysis = WorkoutText.Analyze(text, context);
        if (options.Json)
        {
            stdout.WriteLine(ToJson(analysis));
        }
        else
        {
            WriteHuman(stdout, analysis, text, colour);
        }

        return analysis.IsValid ? ExitValid : ExitInvalid;
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"icusync workout check: {message}");
        stderr.WriteLine(Usage);
        return ExitUsage;
    }

    private static string? ParseArguments(IReadOnlyList<string> args, Options options)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 2)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            switch (arg)
            {
                case "-h" or "--help":
                    options.Help = true;
                    return null;
                case "--json":
                    options.Json = true;
                    continue;
                case "--sport" or "--duration" or "--ftp" or "--threshold-pace" or "--lthr":
                    var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
                    if (value is null)
                    {
                        return $"{arg} needs a value.";
                    }

                    if (ApplyValue(arg, value, options) is { } error)
                    {
                        return error;
                    }

                    continue;
            }

            if (arg.StartsWith('-') && arg != "-")
            {
                return $"unknown option '{arg}'.";
            }

            if (options.File is not null)
            {
                return $"only one input may be given, but got '{options.File}' and '{arg}'.";
            }

            options.File = arg;
        }

        return null;
    }

    private static string? ApplyValue(string option, string value, Options options)
    {
        switch (option)
        {
            case "--sport":
                if (WorkoutSports.Normalize(value) is not { } sport)
                {
                    return $"--sport '{value}' is not an Intervals.icu activity type; use one such as Ride, VirtualRide, Run, TrailRun, Walk, Hike, Swim or WeightTraining.";
                }

                options.Sport = sport;
                return null;

            case "--duration":
                if (!TryParseDeclaredDuration(value, out var duration))
                {
                    return $"--duration '{value}' is not a duration; write hours and minutes as H:MM, e.g. 1:30.";
                }

                options.Duration = duration;
                return null;

            case "--ftp":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ftp) || ftp is < 30 or > 2500)
                {
                    return $"--ftp '{value}' is not a power; give FTP in whole watts between 30 and 2500, e.g. 250.";
                }

                options.Ftp = ftp;
                return null;

            case "--lthr":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var lthr) || lthr is < 60 or > 230)
                {
                    return $"--lthr '{value}' is not a heart rate; give LTHR in whole bpm between 60 and 230, e.g. 165.";
                }

                options.Lthr = lthr;
                return null;

            default:
                if (!TryParseThresholdPace(value, out var pace))
                {
                    return $"--threshold-pace '{value}' is not a pace; write minutes:seconds per km, e.g. 4:30/km (or per mile, 7:15/mi).";
                }

                options.ThresholdPace = pace;
                return null;
        }
    }

    /// <summary>Reads H:MM (or H:MM:SS, or a Workout Builder duration like 1h30m) as seconds.</summary>
    internal static bool TryParseDeclaredDuration(string value, out int seconds)
    {
        seconds = 0;
        var span = value.AsSpan().Trim();
        if (Lexicon.TryParseColonTime(span, out var hours, out var minutes, out var secs))
        {
            if (minutes >= 60 || secs >= 60)
            {
                return false;
            }

            seconds = (hours * 3600) + (minutes * 60) + Math.Max(secs, 0);
            return seconds > 0;
        }

        if (Lexicon.TryParseTime(span, out var total, out var word, out _) && !word)
        {
            seconds = (int)Math.Round(total);
            return seconds > 0;
        }

        return false;
    }

    /// <summary>Reads M:SS/km, M:SS/mi or a bare M:SS (per km) as seconds per kilometre.</summary>
    internal static bool TryParseThresholdPace(string value, out double secondsPerKm)
    {
        secondsPerKm = 0;
        var span = value.AsSpan().Trim();
        var slash = span.IndexOf('/');
        var clock = slash < 0 ? span : span[..slash];
        var unit = slash < 0 ? "km" : span[(slash + 1)..];
        if (!Lexicon.TryParseColonTime(clock, out var minutes, out var seconds, out var third) || third >= 0 || seconds >= 60)
        {
            return false;
        }

        double per;
        if (unit.Equals("km", StringComparison.OrdinalIgnoreCase))
        {
            per = 1;
        }
        else if (unit.Equals("mi", StringComparison.OrdinalIgnoreCase))
        {
            per = 1.609344;
        }
        else
        {
            return false;
        }

        secondsPerKm = ((minutes * 60) + seconds) / per;
        return secondsPerKm > 0;
    }

    /// <summary>The single JSON object printed by <c>--json</c>.</summary>
    public static string ToJson(WorkoutAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("valid", analysis.IsValid);
            WriteFindings(writer, "errors", analysis.Errors);
            WriteFindings(writer, "warnings", analysis.Warnings);
            writer.WriteNumber("duration_s", analysis.DurationSecs);
            writer.WriteNumber("distance_m", Math.Round(analysis.DistanceMeters, 1));
            writer.WriteString("canonical", analysis.Canonical);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteFindings(Utf8JsonWriter writer, string name, IReadOnlyList<RuleFinding> findings)
    {
        writer.WriteStartArray(name);
        foreach (var finding in findings)
        {
            writer.WriteStartObject();
            writer.WriteString("code", finding.Code);
            writer.WriteNumber("line", finding.Line);
            writer.WriteString("message", finding.Message);
            if (finding.Fix is null)
            {
                writer.WriteNull("fix");
            }
            else
            {
                writer.WriteString("fix", finding.Fix);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteHuman(TextWriter output, WorkoutAnalysis analysis, string text, bool colour)
    {
        string Paint(string value, string code) => colour ? code + value + Reset : value;

        var errors = analysis.Errors.Count;
        var warnings = analysis.Warnings.Count;
        if (analysis.IsValid)
        {
            var suffix = warnings == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" with {Plural(warnings, "warning")}");
            output.WriteLine(Paint($"✓ valid workout{suffix}", Green));
        }
        else
        {
            var suffix = warnings == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {Plural(warnings, "warning")}");
            output.WriteLine(Paint(string.Create(CultureInfo.InvariantCulture, $"✗ {Plural(errors, "error")}{suffix}"), Red));
        }

        foreach (var finding in analysis.Findings)
        {
            var isError = finding.Severity == RuleSeverity.Error;
            var label = isError ? "error  " : "warning";
            var where = finding.Line == 0
                ? "workout"
                : string.Create(CultureInfo.InvariantCulture, $"line {finding.Line}:{finding.Column}");
            output.WriteLine($"  {Paint(label, isError ? Red : Yellow)} {Paint(finding.Code, Bold)} {where}  {finding.Message}");
            if (finding.Fix is not null)
            {
                output.WriteLine($"          {Paint("fix:", Dim)} {finding.Fix}");
            }
        }

        var totals = new StringBuilder();
        totals.Append("duration ").Append(WorkoutFormatter.FormatClock(analysis.DurationSecs));
        if (analysis.DurationIsEstimated)
        {
            totals.Append(" (estimated)");
        }

        if (analysis.DistanceMeters > 0)
        {
            totals.Append(CultureInfo.InvariantCulture, $", distance {analysis.DistanceMeters / 1000:0.##} km");
        }

        totals.Append(CultureInfo.InvariantCulture, $", {Plural(analysis.StepCount, "step")}");
        if (analysis.EstimatedLoad is { } load)
        {
            totals.Append(CultureInfo.InvariantCulture, $", load {load:0} (IF {analysis.IntensityFactor:0.00}");
            if (analysis.NormalizedPowerWatts is { } np)
            {
                totals.Append(CultureInfo.InvariantCulture, $", NP {np:0} W");
            }

            totals.Append(')');
        }

        output.WriteLine(Paint("totals: ", Bold) + totals);
        var canonical = analysis.Canonical;
        if (!string.Equals(canonical, text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(), StringComparison.Ordinal))
        {
            output.WriteLine(Paint("canonical text:", Bold));
            foreach (var line in canonical.Split('\n'))
            {
                output.WriteLine("  " + line);
            }
        }
    }

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private sealed class Options
    {
        public string? File { get; set; }

        public string Sport { get; set; } = "Ride";

        public int? Ftp { get; set; }

        public double? ThresholdPace { get; set; }

        public int? Lthr { get; set; }

        public int? Duration { get; set; }

        public bool Json { get; set; }

        public bool Help { get; set; }
    }
}
