using System.Runtime.InteropServices;
using IcuSync.Analytics.Cli;
using IcuSync.Workouts.Cli;

namespace IcuSync.Server.Hosting;

/// <summary>Dispatches the <c>icusync</c> sub-commands.</summary>
public static class IcuSyncCommandLine
{
    public const string Usage = """
        icusync — an MCP server for Intervals.icu

        Usage:
          icusync serve [--urls http://127.0.0.1:5080]   start the web + MCP server (default command)
          icusync stdio                                  MCP over stdio for one athlete (INTERVALS_API_KEY, INTERVALS_ATHLETE_ID)
          icusync sandbox --port N [--seed S] [--dataset DIR]   run the local Intervals.icu sandbox
          icusync workout check [FILE|-] [options]       check Workout Builder text (see --help)
          icusync analyze stream|load|cp|hrv|plateau FILE [options]   offline analytics
          icusync admin ...                              accounts, plans, tokens, audit (see 'icusync admin help')
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        // Options alone (icusync --urls …) start the server; --help and -h ask for the usage, never for a server.
        var optionsOnly = args.Length == 0 || (args[0].StartsWith('-') && args[0] is not ("--help" or "-h"));
        var command = optionsOnly ? "serve" : args[0];
        var rest = optionsOnly ? args : args[1..];
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        // SIGTERM (docker stop, systemd, kill) stops every command the way Ctrl+C does. Without this, a command whose
        // own host does not listen for it (the stand-alone sandbox: its Kestrel host swallows the signal and stops
        // itself while the command keeps waiting) never exits.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });

        switch (command)
        {
            case "serve":
                return await ServeCommand.RunAsync(rest, cancellation.Token);
            case "stdio":
                return await StdioCommand.RunAsync(rest, cancellation.Token);
            case "sandbox":
                return await IcuSync.Sandbox.SandboxCommand.RunAsync(rest, Console.Out, cancellation.Token);
            case "workout" when rest.Length > 0 && rest[0] == "check":
                return WorkoutCheckCommand.Run(rest[1..], Console.In, Console.Out, Console.Error,
                    colour: !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);
            case "analyze":
                return AnalyzeCommand.Run(rest, Console.In, Console.Out, Console.Error);
            case "admin":
                return await AdminHost.RunAsync(rest, cancellation.Token);
            case "help" or "--help" or "-h":
                await Console.Out.WriteLineAsync(Usage);
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'.\n\n{Usage}");
                return 2;
        }
    }
}
