using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IcuSync.Server.Accounts;
using IcuSync.Server.Hosting;
using Microsoft.Extensions.Http;

namespace IcuSync.LoadDriver;

/// <summary>One ask and what answering it cost: IcuSync's answer against the Intervals.icu JSON read to produce it.</summary>
internal sealed record TokenEconomyRow(
    string Ask,
    string Tool,
    string Arguments,
    int StructuredBytes,
    int TextBytes,
    int AnswerBytes,
    int RawBytes,
    int RawRequests,
    IReadOnlyList<string> RawEndpoints,
    string? Error)
{
    /// <summary>Estimated tokens: bytes / 4 (a rough rule for English text and JSON; not a real tokenizer).</summary>
    public int AnswerTokens => AnswerBytes / 4;

    public int RawTokens => RawBytes / 4;

    public double RawPerAnswer => AnswerBytes == 0 ? 0 : (double)RawBytes / AnswerBytes;
}

/// <summary>
/// <c>tokens</c>: starts IcuSync in-process on the built-in sandbox with every read cache turned off, asks ten typical
/// questions as the demo cyclist, and compares each answer (structured content + text) with the bytes of every
/// Intervals.icu response the server read for it. The upstream bytes are recorded inside the server's own Intervals.icu
/// HttpClient (after decompression), so they are exactly the requests, credentials and query strings the server uses.
/// </summary>
internal static class TokensCommand
{
    public static async Task<int> RunAsync(DriverOptions options, CancellationToken cancellationToken)
    {
        var port = options.Int("port", 5097, 1, 65535);
        var folder = Directory.CreateTempSubdirectory("icusync-tokens-");
        var recorder = new UpstreamRecorder();
        try
        {
            var baseUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
            string[] args =
            [
                "--urls", baseUrl,
                "--Database:ConnectionString", $"Data Source={Path.Combine(folder.FullName, "icusync.db")}",
                "--Smtp:PickupDirectory", Path.Combine(folder.FullName, "mail"),
                "--Logging:Format", "text", "--Logging:LogLevel:Default", "Warning",
                "--Cache:Athlete", "00:00:00", "--Cache:Activities", "00:00:00", "--Cache:ActivityDetail", "00:00:00",
                "--Cache:Wellness", "00:00:00", "--Cache:Events", "00:00:00", "--Cache:Curves", "00:00:00", "--Cache:Gear", "00:00:00",
            ];
            await using var server = await ServerApp.StartAsync(args, builder =>
                builder.Services.ConfigureAll<HttpClientFactoryOptions>(o =>
                    o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Insert(0, new RecordingHandler(recorder)))),
                cancellationToken);
            var url = new Uri(server.DemoUrls.First(d => d.Kind == PrincipalKind.Athlete).McpUrl);
            using var http = ClosedLoopDriver.CreateClient();

            var rows = new List<TokenEconomyRow>();
            var profile = await AskAsync(http, url, recorder, "athlete profile", "get_athlete_profile", "{}", cancellationToken);
            var today = DateOnly.ParseExact(profile.Today ?? throw new InvalidOperationException("get_athlete_profile gave no context.today."), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

            var lastWeek = await AskAsync(http, url, recorder, "last week's training", "get_training_history", $$"""{"start_date":"{{Day(-6)}}"}""", cancellationToken);
            rows.Add(lastWeek.Row);
            rows.Add((await AskAsync(http, url, recorder, "fitness trend", "get_fitness", "{}", cancellationToken)).Row);
            rows.Add((await AskAsync(http, url, recorder, "recovery check (wellness, 7 days)", "get_wellness", $$"""{"start_date":"{{Day(-6)}}"}""", cancellationToken)).Row);
            var activity = lastWeek.FirstActivityId ?? throw new InvalidOperationException("The demo cyclist has no activity in the last week.");
            rows.Add((await AskAsync(http, url, recorder, "one workout's detail", "get_activity_detail", $$"""{"activity_id":"{{activity}}"}""", cancellationToken)).Row);
            rows.Add((await AskAsync(http, url, recorder, "90-day history", "get_training_history", $$"""{"start_date":"{{Day(-89)}}"}""", cancellationToken)).Row);
            rows.Add((await AskAsync(http, url, recorder, "training summary by week", "get_training_summary", "{}", cancellationToken)).Row);
            rows.Add((await AskAsync(http, url, recorder, "power curve", "get_power_curves", "{}", cancellationToken)).Row);
            rows.Add((await AskAsync(http, url, recorder, "best efforts", "get_best_efforts", "{}", cancellationToken)).Row);
            rows.Add((await AskAsync(http, url, recorder, "upcoming events", "get_events", "{}", cancellationToken)).Row);
            rows.Add(profile.Row);

            await Console.Out.WriteLineAsync(Table(rows, today));
            await ResultFiles.WriteAsync(options.Text("json"), rows, cancellationToken);
            return rows.Any(r => r.Error is not null) ? 1 : 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed record Asked(TokenEconomyRow Row, string? Today, string? FirstActivityId);

    private static async Task<Asked> AskAsync(HttpClient http, Uri url, UpstreamRecorder recorder, string ask, string tool, string arguments, CancellationToken cancellationToken)
    {
        recorder.Clear();
        using var request = McpWire.Post(url, McpWire.ToolCallBody(tool, arguments));
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var calls = recorder.Take();
        var raw = calls.Sum(c => c.Bytes);
        var endpoints = calls.GroupBy(c => c.Endpoint, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}").ToList();
        if (!response.IsSuccessStatusCode)
        {
            return new Asked(new TokenEconomyRow(ask, tool, arguments, 0, 0, 0, raw, calls.Count, endpoints, McpWire.Describe((int)response.StatusCode, body)), null, null);
        }

        using var document = JsonDocument.Parse(McpWire.Payload(body));
        if (!document.RootElement.TryGetProperty("result", out var result))
        {
            return new Asked(new TokenEconomyRow(ask, tool, arguments, 0, 0, 0, raw, calls.Count, endpoints, McpWire.Describe(200, body)), null, null);
        }

        var structured = result.TryGetProperty("structuredContent", out var s) ? Encoding.UTF8.GetByteCount(s.GetRawText()) : 0;
        var text = 0;
        if (result.TryGetProperty("content", out var content))
        {
            foreach (var block in content.EnumerateArray())
            {
                if (block.TryGetProperty("text", out var t))
                {
                    text += Encoding.UTF8.GetByteCount(t.GetString() ?? "");
                }
            }
        }

        var error = result.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True
            ? "tool error: " + (content.ValueKind == JsonValueKind.Array && content.GetArrayLength() > 0 ? content[0].GetProperty("text").GetString() : "")
            : null;
        string? today = null;
        string? firstActivity = null;
        if (s.ValueKind == JsonValueKind.Object)
        {
            if (s.TryGetProperty("context", out var context) && context.TryGetProperty("today", out var t))
            {
                today = t.GetString();
            }

            if (s.TryGetProperty("activities", out var activities) && activities.ValueKind == JsonValueKind.Array && activities.GetArrayLength() > 0
                && activities[0].TryGetProperty("id", out var id))
            {
                firstActivity = id.GetString();
            }
        }

        return new Asked(new TokenEconomyRow(ask, tool, arguments, structured, text, structured + text, raw, calls.Count, endpoints, error), today, firstActivity);
    }

    public static string Table(IReadOnlyList<TokenEconomyRow> rows, DateOnly today)
    {
        var text = new StringBuilder();
        text.Append("Token economy (demo cyclist, sandbox, today ").Append(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .AppendLine("); tokens ≈ bytes / 4, a rough estimate, not a tokenizer.");
        text.AppendLine();
        text.AppendLine("| ask | tool | IcuSync answer bytes (structured + text) | ≈ tokens | raw Intervals.icu JSON bytes | ≈ tokens | upstream requests | raw ÷ answer |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            text.Append("| ").Append(r.Ask).Append(" | ").Append(r.Tool)
                .Append(" | ").Append(Thousands(r.AnswerBytes)).Append(" (").Append(Thousands(r.StructuredBytes)).Append(" + ").Append(Thousands(r.TextBytes)).Append(')')
                .Append(" | ").Append(Thousands(r.AnswerTokens))
                .Append(" | ").Append(Thousands(r.RawBytes)).Append(" | ").Append(Thousands(r.RawTokens))
                .Append(" | ").Append(r.RawRequests.ToString(CultureInfo.InvariantCulture))
                .Append(" | ").Append(r.RawPerAnswer.ToString("0.0", CultureInfo.InvariantCulture)).Append("×")
                .AppendLine(" |");
        }

        var answer = rows.Sum(r => r.AnswerBytes);
        var raw = rows.Sum(r => r.RawBytes);
        text.Append("| **all ten** | | ").Append(Thousands(answer)).Append(" | ").Append(Thousands(answer / 4))
            .Append(" | ").Append(Thousands(raw)).Append(" | ").Append(Thousands(raw / 4))
            .Append(" | ").Append(rows.Sum(r => r.RawRequests).ToString(CultureInfo.InvariantCulture))
            .Append(" | ").Append((answer == 0 ? 0 : (double)raw / answer).ToString("0.0", CultureInfo.InvariantCulture)).AppendLine("× |");
        text.AppendLine();
        text.AppendLine("Upstream requests per ask (what the raw column counts):");
        foreach (var r in rows)
        {
            text.Append("- ").Append(r.Ask).Append(" (").Append(r.Tool).Append(' ').Append(r.Arguments).Append("): ").AppendLine(string.Join(", ", r.RawEndpoints));
            if (r.Error is not null)
            {
                text.Append("  - FAILED: ").AppendLine(r.Error);
            }
        }

        return text.ToString();
    }

    private static string Thousands(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>One upstream response: its endpoint with ids and query removed, and its body size after decompression.</summary>
    private sealed record UpstreamCall(string Endpoint, int Bytes);

    /// <summary>Collects the upstream responses of the current ask (asks run one at a time).</summary>
    private sealed class UpstreamRecorder
    {
        private readonly ConcurrentQueue<UpstreamCall> _calls = new();

        public void Add(UpstreamCall call) => _calls.Enqueue(call);

        public void Clear() => _calls.Clear();

        public IReadOnlyList<UpstreamCall> Take()
        {
            var list = new List<UpstreamCall>();
            while (_calls.TryDequeue(out var call))
            {
                list.Add(call);
            }

            return list;
        }
    }

    /// <summary>Buffers each upstream response and records its size; the server then reads the buffered body as usual.</summary>
    private sealed class RecordingHandler(UpstreamRecorder recorder) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var bytes = (await response.Content.ReadAsByteArrayAsync(cancellationToken)).Length;
            recorder.Add(new UpstreamCall($"{request.Method} {Template(request.RequestUri)}", bytes));
            return response;
        }

        private static string Template(Uri? uri)
        {
            if (uri is null)
            {
                return "?";
            }

            var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => s.Length > 1 && (char.IsAsciiDigit(s[0]) || (s[0] == 'i' && s.Skip(1).All(char.IsAsciiDigit))) ? "{id}" : s);
            return "/" + string.Join('/', segments);
        }
    }
}
