namespace IcuSync.LoadDriver;

/// <summary>Dispatches the <c>icusync-load</c> sub-commands.</summary>
internal static class DriverCommandLine
{
    public const string Usage = """
        icusync-load — MCP load driver and benchmark tools for IcuSync

          echo-server --port P                      MCP SDK (stateless HTTP) with an 'echo' tool (the SDK's ceiling) and
                                                    'echo_payload' (a prepared answer of 'bytes' bytes: the ceiling for that size)
          fixed-server --port P                     bare Kestrel answering every POST with a fixed tools/call result: the HTTP ceiling
          seed --database FILE --tokens N --out F [--base-url URL]
                                                    N invited coaches with get_fitness on a demo athlete; writes their MCP URLs
          run (--url U | --urls-file F) --tool T [--args JSON] [--concurrency 1,16,128] [--duration 10s] [--warmup 2s]
              [--label L] [--metrics-url URL] [--server-pid PID] [--json OUT]
                                                    closed-loop tools/call load: calls/s, p50/p90/p99, errors
          coldstart --server-dll PATH [--runs 5] [--cpu 0] [--port 5096] [--intervals SANDBOX_URL] [--json OUT]
                                                    process start -> first answered tools/list of 'icusync serve'
          rss --urls-file F --pid PID [--calls 100000] [--concurrency 16] [--json OUT]
                                                    calls across all tokens, then the server's VmRSS
          tokens [--json OUT]                       token economy: IcuSync answers vs the raw Intervals.icu JSON they need
          report --dir DIR                          ratios and targets from the JSON files of one load run
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            await Console.Out.WriteLineAsync(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            var options = DriverOptions.Parse(args[1..]);
            var ct = cancellation.Token;
            return args[0] switch
            {
                "echo-server" => await CeilingServers.RunEchoAsync(options, ct),
                "fixed-server" => await CeilingServers.RunFixedAsync(options, ct),
                "seed" => await SeedCommand.RunAsync(options, ct),
                "run" => await RunCommand.RunAsync(options, ct),
                "coldstart" => await ColdStartCommand.RunAsync(options, ct),
                "rss" => await RssCommand.RunAsync(options, ct),
                "tokens" => await TokensCommand.RunAsync(options, ct),
                "report" => await ReportCommand.RunAsync(options, ct),
                _ => await UnknownAsync(args[0]),
            };
        }
        catch (DriverUsageException error)
        {
            await Console.Error.WriteLineAsync($"{error.Message}\n\n{Usage}");
            return 2;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return 130;
        }
    }

    private static async Task<int> UnknownAsync(string command)
    {
        await Console.Error.WriteLineAsync($"Unknown command '{command}'.\n\n{Usage}");
        return 2;
    }
}
