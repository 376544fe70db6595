using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IcuSync.Server.Hosting;

/// <summary>
/// The server's own traces and metrics. Tags never carry tokens, keys or emails: tools are named by their tool name,
/// upstream calls by their operation id, and rate-limit rejections by policy.
/// </summary>
public static class IcuSyncTelemetry
{
    public const string SourceName = "IcuSync";
    public const string MeterName = "IcuSync";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> ToolCalls = Meter.CreateCounter<long>(
        "icusync.tool.calls", "{call}", "MCP tool calls by tool and outcome (ok, error).");

    private static readonly Histogram<double> ToolDuration = Meter.CreateHistogram<double>(
        "icusync.tool.duration", "s", "MCP tool call latency by tool and outcome, including upstream time.");

    private static readonly Counter<long> CacheLookups = Meter.CreateCounter<long>(
        "icusync.cache.lookups", "{lookup}", "Intervals.icu read-cache lookups by endpoint and result (hit, miss); hit ratio = hit / all.");

    private static readonly Counter<long> RateLimitRejections = Meter.CreateCounter<long>(
        "icusync.ratelimit.rejections", "{request}", "Requests refused with 429 by IcuSync's own rate limits, by policy.");

    /// <summary>Records one finished tool call.</summary>
    public static void RecordToolCall(string tool, bool ok, TimeSpan elapsed)
    {
        var tags = new TagList { { "tool", tool }, { "outcome", ok ? "ok" : "error" } };
        ToolCalls.Add(1, tags);
        ToolDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Records a read-cache lookup: <paramref name="hit"/> is false when the value had to be fetched.</summary>
    public static void RecordCacheLookup(string endpoint, bool hit) =>
        CacheLookups.Add(1, new TagList { { "endpoint", endpoint }, { "result", hit ? "hit" : "miss" } });

    /// <summary>Records one request refused by a rate limit policy.</summary>
    public static void RecordRateLimitRejection(string policy) =>
        RateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", policy));
}
