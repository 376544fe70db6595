namespace IcuSync.Sandbox.Analysis;

/// <summary>Streams of one activity indexed by type, for interval, curve and best-effort calculations.</summary>
internal sealed class StreamSet
{
    private readonly Dictionary<string, IReadOnlyList<double?>> _byType;

    public StreamSet(IReadOnlyList<SandboxStream> streams)
    {
        Streams = streams;
        _byType = new Dictionary<string, IReadOnlyList<double?>>(StringComparer.Ordinal);
        foreach (var s in streams)
        {
            _byType[s.Type] = s.Data;
        }

        Length = streams.Count == 0 ? 0 : streams.Max(s => s.Data.Count);
    }

    public IReadOnlyList<SandboxStream> Streams { get; }

    public int Length { get; }

    public IReadOnlyList<double?>? this[string type] => _byType.GetValueOrDefault(type);

    public IReadOnlyList<double?>? Watts => this["watts"] ?? this["fixed_watts"] ?? this["raw_watts"];

    public IReadOnlyList<double?>? Heartrate => this["heartrate"];

    /// <summary>Seconds from the start for sample <paramref name="index"/> (falls back to the index).</summary>
    public double TimeAt(int index) => this["time"] is { } t && index < t.Count && t[index] is { } v ? v : index;

    /// <summary>Cumulative distance in meters at <paramref name="index"/>, if known.</summary>
    public double? DistanceAt(int index) => this["distance"] is { } d && index >= 0 && index < d.Count ? d[index] : null;

    public static double Value(IReadOnlyList<double?> data, int index) => data[index] ?? 0;
}
