using System.Globalization;
using System.Text;

namespace IcuSync.LoadDriver;

/// <summary>
/// <c>report</c>: reads the JSON files one load run wrote (targets labelled <c>fixed</c>, <c>echo</c>, <c>echo-same-size</c> and <c>icusync</c>,
/// plus <c>coldstart.json</c> and <c>rss.json</c>) and prints the figures, the ratios to the ceilings and the targets.
/// </summary>
internal static class ReportCommand
{
    public const double ThroughputTarget = 0.70;
    public const double P99TargetMs = 25;
    public const double ColdStartTargetSeconds = 1.5;
    public const double RssTargetMb = 250;
    public const int TargetConcurrency = 16;

    /// <summary>The label of the echo ceiling's <c>echo_payload</c> runs: the SDK's ceiling for an answer of get_fitness's size.</summary>
    public const string SizedEchoLabel = "echo-same-size";

    public static async Task<int> RunAsync(DriverOptions options, CancellationToken cancellationToken)
    {
        var dir = options.Required("dir", "bench/results/latest");
        if (!Directory.Exists(dir))
        {
            throw new DriverUsageException($"--dir '{dir}' does not exist; run bench/load.sh first.");
        }

        var levels = new List<LevelResult>();
        foreach (var file in Directory.GetFiles(dir, "run-*.json").Order(StringComparer.Ordinal))
        {
            var run = await ResultFiles.ReadAsync<RunResult>(file, cancellationToken);
            levels.AddRange(run?.Levels ?? []);
        }

        var coldPath = Path.Combine(dir, "coldstart.json");
        var rssPath = Path.Combine(dir, "rss.json");
        var cold = File.Exists(coldPath) ? await ResultFiles.ReadAsync<ColdStartResult>(coldPath, cancellationToken) : null;
        var coldAlonePath = Path.Combine(dir, "coldstart-server-only.json");
        var coldAlone = File.Exists(coldAlonePath) ? await ResultFiles.ReadAsync<ColdStartResult>(coldAlonePath, cancellationToken) : null;
        var rss = File.Exists(rssPath) ? await ResultFiles.ReadAsync<RssResult>(rssPath, cancellationToken) : null;
        var (text, allMet) = Render(levels, cold, rss, coldAlone);
        await Console.Out.WriteLineAsync(text);
        await File.WriteAllTextAsync(Path.Combine(dir, "report.md"), text, cancellationToken);
        return allMet ? 0 : 1;
    }

    public static (string Text, bool AllMet) Render(IReadOnlyList<LevelResult> levels, ColdStartResult? cold, RssResult? rss, ColdStartResult? coldAlone = null)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        LevelResult? Find(string label, int c) => levels.FirstOrDefault(l => l.Label == label && l.Concurrency == c);

        text.AppendLine("### Throughput and latency (server on CPU 0, driver on CPU 1)");
        text.AppendLine();
        text.Append(RunCommand.Table(levels.OrderBy(l => l.Concurrency).ThenBy(l => Order(l.Label))));
        text.AppendLine();
        text.AppendLine("### Against the ceilings of the same run");
        text.AppendLine();
        text.AppendLine("| clients | icusync get_fitness calls/s | echo (MCP SDK) calls/s | echo, same-size answer calls/s | fixed (Kestrel) calls/s | get_fitness ÷ echo | get_fitness ÷ same-size echo | echo ÷ fixed | p50 get_fitness − echo | server CPU per call: get_fitness / echo (IcuSync's own) |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in levels.Select(l => l.Concurrency).Distinct().Order())
        {
            var (icu, echo, sized, fixedLevel) = (Find("icusync", c), Find("echo", c), Find(SizedEchoLabel, c), Find("fixed", c));
            text.Append(inv, $"| {c} | {Rate(icu)} | {Rate(echo)} | {Rate(sized)} | {Rate(fixedLevel)} | {Ratio(icu, echo)} | {Ratio(icu, sized)} | {Ratio(echo, fixedLevel)} | ");
            text.Append(icu is not null && echo is not null ? ResultFiles.Ms(icu.P50Ms - echo.P50Ms) + " ms" : "–").Append(" | ");
            // Measured from /proc: the server's CPU time in the window over the calls it answered; the difference to the
            // echo ceiling is what IcuSync adds to the MCP SDK per call (no upstream time: the cache answers).
            text.Append(icu?.ServerCpuMsPerCall is { } icuCpu && echo?.ServerCpuMsPerCall is { } echoCpu
                ? string.Create(inv, $"{icuCpu * 1000:0} µs / {echoCpu * 1000:0} µs (+{(icuCpu - echoCpu) * 1000:0} µs)")
                : "–").AppendLine(" |");
        }

        var upstream = levels.Where(l => l.Label == "icusync").Sum(l => l.UpstreamRequestsDuringRun ?? 0);
        text.AppendLine();
        text.Append(inv, $"Upstream (Intervals.icu sandbox) requests during the measured get_fitness windows: {upstream:0} ");
        text.AppendLine(upstream == 0 ? "(the cache answered every call, so get_fitness latency is IcuSync's own overhead)." : "(NOT flat: some calls included upstream time).");
        if (levels.FirstOrDefault(l => l.Label == "icusync")?.AnswerBytes is { } icuBytes && levels.FirstOrDefault(l => l.Label == "echo")?.AnswerBytes is { } echoBytes)
        {
            text.AppendLine();
            text.Append(inv, $"Answer sizes (HTTP body): get_fitness {icuBytes:N0} bytes, echo {echoBytes:N0} bytes");
            text.AppendLine(levels.FirstOrDefault(l => l.Label == SizedEchoLabel)?.AnswerBytes is { } sizedBytes
                ? string.Create(inv, $", same-size echo {sizedBytes:N0} bytes (the MCP SDK's ceiling for an answer that large, a reference; the target is set against echo).")
                : ".");
        }

        text.AppendLine();

        text.AppendLine("### Targets");
        text.AppendLine();
        text.AppendLine("| target | measured | met |");
        text.AppendLine("|---|---|---|");
        var allMet = true;
        void Row(string target, string measured, bool? met)
        {
            allMet &= met ?? false;
            text.Append("| ").Append(target).Append(" | ").Append(measured).Append(" | ").Append(met switch { true => "yes", false => "**no**", null => "not measured in full" }).AppendLine(" |");
        }

        void ColdRow(string how, ColdStartResult? start) =>
            Row($"cold start to first tools/list < {ColdStartTargetSeconds:0.0} s ({how})",
                start is null ? "–" : string.Create(inv, $"median {start.Median:0.000} s, max {start.Max:0.000} s over {start.Seconds.Count} starts")
                    + (start?.CpuMedian is { } cpu ? string.Create(inv, $" (server CPU by then: median {cpu:0.00} s)") : ""),
                start is null ? null : start.Median < ColdStartTargetSeconds);

        var icu16 = Find("icusync", TargetConcurrency);
        var echo16 = Find("echo", TargetConcurrency);
        var share = icu16 is not null && echo16 is not null && echo16.CallsPerSecond > 0 ? icu16.CallsPerSecond / echo16.CallsPerSecond : (double?)null;
        Row($"cached get_fitness throughput ≥ {ThroughputTarget:P0} of the echo ceiling ({TargetConcurrency} clients)",
            share is { } s ? string.Create(inv, $"{s:P0} ({icu16!.CallsPerSecond:0} vs {echo16!.CallsPerSecond:0} calls/s)") : "–", share >= ThroughputTarget);
        Row($"get_fitness p99 < {P99TargetMs:0} ms at {TargetConcurrency} clients",
            icu16 is null ? "–" : ResultFiles.Ms(icu16.P99Ms) + " ms", icu16 is null ? null : icu16.P99Ms < P99TargetMs);
        // Both starts are targets: the production configuration (the sandbox in its own process, no demo seeding) and
        // demo mode (the built-in sandbox and its demo accounts, the README's command).
        ColdRow("production: sandbox in its own process, no demo seeding", coldAlone);
        ColdRow("demo mode: built-in sandbox", cold);
        Row($"RSS after 100k calls across 1,000 tokens < {RssTargetMb:0} MB",
            rss is null ? "–" : string.Create(inv, $"{rss.RssAfterMb:0} MB (peak {rss.PeakRssMb:0} MB; {rss.Calls} calls, {rss.Errors} errors, {rss.Tokens} tokens")
                + (rss is not null && rss.Calls < 100_000 ? "; fewer calls than the target asks)" : rss is null ? "" : ")"),
            RssVerdict(rss));
        var errors = levels.Sum(l => l.Errors);
        Row("no failed calls in the load run", errors.ToString(inv), errors == 0);
        return (text.ToString(), allMet);
    }

    /// <summary>Met, missed, or (null) under the limit but after fewer calls than the target names.</summary>
    private static bool? RssVerdict(RssResult? rss)
    {
        if (rss is null)
        {
            return null;
        }

        if (rss.RssAfterMb >= RssTargetMb || rss.Errors > 0)
        {
            return false;
        }

        return rss.Calls >= 100_000 ? true : null;
    }

    private static int Order(string label) => label switch { "fixed" => 0, "echo" => 1, SizedEchoLabel => 2, "icusync" => 3, _ => 4 };

    private static string Rate(LevelResult? level) => level is null ? "–" : ResultFiles.Number(level.CallsPerSecond);

    private static string Ratio(LevelResult? a, LevelResult? b) =>
        a is null || b is null || b.CallsPerSecond <= 0 ? "–" : (a.CallsPerSecond / b.CallsPerSecond).ToString("P0", CultureInfo.InvariantCulture);
}
