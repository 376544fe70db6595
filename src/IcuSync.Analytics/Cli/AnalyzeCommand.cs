namespace IcuSync.Analytics.Cli;

/// <summary>
/// The offline <c>icusync analyze</c> command: analyses a CSV export without a server or an Intervals.icu account.
/// </summary>
/// <remarks>
/// Sub-commands: <c>stream</c> (a 1 Hz activity), <c>load</c> (daily load → PMC, ACWR, monotony), <c>cp</c>
/// (power-duration points → CP model), <c>hrv</c> (daily RMSSD → 7-day rollup and baseline band) and <c>plateau</c>
/// (daily CTL → plateau verdict). Results go to standard output (JSON; <c>stream</c> prints a table unless
/// <c>--json</c> is given). Exit codes: 0 success; 2 bad input or usage, with one line on standard error naming the
/// row and column (or the option) and how to fix it; 1 for an internal error, also one line.
/// </remarks>
public static class AnalyzeCommand
{
    /// <summary>The exit code for success.</summary>
    public const int Success = 0;

    /// <summary>The exit code for bad input or usage.</summary>
    public const int BadInput = 2;

    /// <summary>The exit code for a bug in the command itself (reported in one line, without a stack trace).</summary>
    public const int InternalError = 1;

    private const string Usage = """
        usage: icusync analyze stream FILE.csv [--ftp W] [--cp W --w-prime J] [--lthr BPM --max-hr BPM --resting-hr BPM --sex male|female]
                                               [--threshold-pace M:SS/km] [--power-zones 55,75,...|--power-zone-watts 150,230,...]
                                               [--durations 1,5,60,...] [--best-efforts SECS:COUNT] [--wbal-model differential|integral] [--json]
               icusync analyze load FILE.csv          (columns date,load)
               icusync analyze cp FILE.csv [--model 2p-hyperbolic|2p-linear|3p]   (columns secs,watts)
               icusync analyze hrv FILE.csv           (columns date,rmssd)
               icusync analyze plateau FILE.csv       (columns date,ctl)
        FILE may be - to read standard input. Exit codes: 0 success, 2 bad input, 1 internal error.
        """;

    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments after <c>icusync analyze</c>; args[0] is the sub-command.</param>
    /// <param name="stdin">Read when FILE is "-".</param>
    /// <param name="stdout">Receives the result.</param>
    /// <param name="stderr">Receives the one-line error on bad input.</param>
    /// <returns>0 on success, 2 on bad input or usage, 1 on an internal error.</returns>
    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count == 0)
        {
            stderr.WriteLine("icusync analyze: missing sub-command; use stream, load, cp, hrv or plateau (icusync analyze --help shows the options)");
            return BadInput;
        }

        if (args[0] is "help" || args.Any(a => a is "--help" or "-h"))
        {
            stdout.WriteLine(Usage);
            return Success;
        }

        var command = args[0];
        string? error;
        bool ok;
        try
        {
            ok = command switch
            {
                "stream" => StreamCommand.Run(args, stdin, stdout, out error),
                "load" => DailyCommands.RunLoad(args, stdin, stdout, out error),
                "cp" => CpCommand.Run(args, stdin, stdout, out error),
                "hrv" => DailyCommands.RunHrv(args, stdin, stdout, out error),
                "plateau" => DailyCommands.RunPlateau(args, stdin, stdout, out error),
                _ => Unknown(command, out error),
            };
        }
#pragma warning disable CA1031 // A command-line user gets one line, never a stack trace, even for a bug of ours.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"icusync analyze {command}: internal error ({e.GetType().Name}); please report it with the input file");
            return InternalError;
        }

        if (ok)
        {
            return Success;
        }

        stderr.WriteLine($"icusync analyze {command}: {OneLine(error)}");
        return BadInput;
    }

    /// <summary>Reads FILE (or standard input for "-") as text.</summary>
    internal static bool TryReadInput(string file, TextReader stdin, out string text, out string source, out string? error)
    {
        source = file == "-" ? "<stdin>" : Path.GetFileName(file);
        text = string.Empty;
        error = null;
        try
        {
            text = file == "-" ? stdin.ReadToEnd() : File.ReadAllText(file);
            return true;
        }
        catch (FileNotFoundException)
        {
            error = $"{file}: file not found; check the path";
        }
        catch (DirectoryNotFoundException)
        {
            error = $"{file}: folder not found; check the path";
        }
        catch (UnauthorizedAccessException)
        {
            error = $"{file}: permission denied; check the file's permissions";
        }
        catch (IOException e)
        {
            error = $"{file}: cannot be read ({e.GetType().Name}); check the path";
        }

        return false;
    }

    private static bool Unknown(string command, out string? error)
    {
        error = $"unknown sub-command '{command}'; use stream, load, cp, hrv or plateau";
        return false;
    }

    private static string OneLine(string? message) =>
        (message ?? "bad input").Replace('\r', ' ').Replace('\n', ' ');
}
