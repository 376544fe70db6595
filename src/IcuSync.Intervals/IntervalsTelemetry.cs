using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IcuSync.Intervals;

/// <summary>
/// Traces and metrics of Intervals.icu calls. Each HTTP attempt is counted by operation id (the OpenAPI
/// operation, never the URL, which holds athlete ids) and status code (0 when no response arrived).
/// </summary>
public static class IntervalsTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name for one span per logical Intervals.icu call.</summary>
    public const string SourceName = "IcuSync.Intervals";

    /// <summary>The <see cref="Meter"/> name of the upstream instruments.</summary>
    public const string MeterName = "IcuSync.Intervals";

    internal static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "icusync.upstream.requests", "{request}", "Intervals.icu HTTP attempts by operation and status (0 = no response).");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "icusync.upstream.duration", "s", "Intervals.icu HTTP attempt latency by operation and status.");

    internal static void RecordAttempt(string operation, int status, TimeSpan elapsed)
    {
        var tags = new TagList { { "operation", operation }, { "status", status } };
        Requests.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }
}
