namespace IcuSync.Analytics;

/// <summary>A value recorded on one calendar day, such as a day's training load or a morning RMSSD.</summary>
/// <param name="Date">The athlete's local calendar day.</param>
/// <param name="Value">The value; its unit depends on the series (load points, ms, CTL points).</param>
public readonly record struct DatedValue(DateOnly Date, double Value);
