using System.Globalization;

namespace IcuSync.Sandbox;

/// <summary><c>icusync sandbox --port N [--seed S] [--dataset DIR] ...</c>: runs a sandbox until cancelled.</summary>
public static class SandboxCommand
{
    public const string Usage =
        """
        Usage: icusync sandbox [--port N] [--seed S] [--dataset DIR] [--today YYYY-MM-DD] [--history-days N]
                               [--no-rate-limit] [--latency-ms N] [--fail-rate R] [--throttle-rate R] [--drop-rate R]
          --port N           TCP port on 127.0.0.1 (default 5090; 0 picks a free one)
          --seed S           seed of the generated demo data (default 42)
          --dataset DIR      serve a folder of exported JSON instead (see docs/sandbox.md)
          --today DATE       pin "today" of the generated history
          --history-days N   days of generated history (default 365)
          --no-rate-limit    disable the 10 requests/second limiter
          --latency-ms N     add N ms before every API response
          --fail-rate R      answer a fraction R (0-1) of API requests with 500
          --throttle-rate R  answer a fraction R (0-1) with 429 + Retry-After
          --drop-rate R      abort the connection for a fraction R (0-1)
        """;

    /// <summary>Parses <paramref name="args"/> (the words after <c>sandbox</c>), starts the server, prints the base URL
    /// and the demo credentials, and runs until <paramref name="ct"/> is cancelled. Returns 0, or 2 for bad arguments.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        var options = new SandboxOptions { Port = 5090 };
        double latency = 0, fail = 0, throttle = 0, drop = 0;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                {
                    throw new FormatException($"{arg} needs a value.");
                }

                return args[++i];
            }

            try
            {
                switch (arg)
                {
                    case "--port": options.Port = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "--seed": options.Seed = int.Parse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture); break;
                    case "--dataset": options.DatasetPath = Value(); break;
                    case "--today": options.Today = DateOnly.ParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture); break;
                    case "--history-days": options.HistoryDays = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "--no-rate-limit": options.RateLimit = false; break;
                    case "--latency-ms": latency = Fraction(Value(), arg, 600_000); break;
                    case "--fail-rate": fail = Fraction(Value(), arg, 1); break;
                    case "--throttle-rate": throttle = Fraction(Value(), arg, 1); break;
                    case "--drop-rate": drop = Fraction(Value(), arg, 1); break;
                    case "--help" or "-h":
                        await stdout.WriteLineAsync(Usage);
                        return 0;
                    default:
                        throw new FormatException($"Unknown option '{arg}'.");
                }
            }
            catch (FormatException ex)
            {
                await stdout.WriteLineAsync($"icusync sandbox: {ex.Message} Run 'icusync sandbox --help' for the options.");
                return 2;
            }
        }

        if (options.Validate() is { } problem)
        {
            await stdout.WriteLineAsync("icusync sandbox: " + problem);
            return 2;
        }

        SandboxServer server;
        try
        {
            server = await SandboxServer.StartAsync(options, ct);
        }
        catch (SandboxDatasetException ex)
        {
            await stdout.WriteLineAsync("icusync sandbox: " + ex.Message);
            return 2;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped (Ctrl+C, SIGTERM) before it finished starting: nothing to clean up.
            return 0;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            // The sandbox binds its socket itself (SocketException); Kestrel reports a taken address as IOException.
            await stdout.WriteLineAsync($"icusync sandbox: cannot listen on 127.0.0.1:{options.Port.ToString(CultureInfo.InvariantCulture)} ({ex.Message}). Pick another --port.");
            return 2;
        }

        await using (server)
        {
            server.Faults.Latency = TimeSpan.FromMilliseconds(latency);
            server.Faults.ServerErrorRate = fail;
            server.Faults.ThrottleRate = throttle;
            server.Faults.DropRate = drop;
            await stdout.WriteLineAsync($"Sandbox Intervals.icu listening on {server.BaseAddress}  (API: {server.BaseAddress}api/v1/)");
            await stdout.WriteLineAsync(options.DatasetPath is null
                ? $"Data: generated, seed {options.Seed.ToString(CultureInfo.InvariantCulture)}, {options.HistoryDays.ToString(CultureInfo.InvariantCulture)} days of history"
                : $"Data: dataset {Path.GetFullPath(options.DatasetPath)}");
            await stdout.WriteLineAsync("Credentials (HTTP Basic, user name API_KEY):");
            foreach (var athlete in server.Store.Athletes)
            {
                if (server.Store.ApiKeyOf(athlete.Id) is { } key)
                {
                    await stdout.WriteLineAsync($"  {athlete.Id,-8} {athlete.Name,-18} API key: {key}");
                }
            }

            if (options.DatasetPath is null)
            {
                await stdout.WriteLineAsync($"OAuth app: client_id {SandboxPrincipals.OAuthClientId}, client_secret {SandboxPrincipals.OAuthClientSecret}, authorize at {server.BaseAddress}oauth/authorize");
            }

            try
            {
                // Inside the try: a stop signal may arrive while the banner is still being written.
                await stdout.FlushAsync(ct);
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Cancellation is the normal way to stop.
            }
        }

        return 0;
    }

    private static double Fraction(string text, string option, double max)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value > max)
        {
            throw new FormatException($"{option} expects a number from 0 to {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'.");
        }

        return value;
    }
}
