namespace IcuSync.Workouts;

/// <summary>Whether a step lasts for a time or a distance.</summary>
public enum StepLengthKind
{
    /// <summary>A duration in seconds.</summary>
    Time,

    /// <summary>A distance in a <see cref="DistanceUnit"/>.</summary>
    Distance,
}

/// <summary>The unit a distance step was written in.</summary>
public enum DistanceUnit
{
    /// <summary>Meters, written <c>mtr</c> (or <c>meters</c>).</summary>
    Meters,

    /// <summary>Kilometers, written <c>km</c>.</summary>
    Kilometers,

    /// <summary>Statute miles, written <c>mi</c>.</summary>
    Miles,

    /// <summary>Yards, written <c>yrd</c> (or <c>y</c>).</summary>
    Yards,
}

/// <summary>How long a step lasts.</summary>
/// <param name="Kind">Time or distance.</param>
/// <param name="Value">Seconds for a time; the amount in <paramref name="Unit"/> for a distance.</param>
/// <param name="Unit">The distance unit; ignored for a time.</param>
public sealed record StepLength(StepLengthKind Kind, double Value, DistanceUnit Unit = DistanceUnit.Meters)
{
    /// <summary>A time length.</summary>
    /// <param name="seconds">Duration in seconds.</param>
    public static StepLength FromSeconds(int seconds) => new(StepLengthKind.Time, seconds);

    /// <summary>A distance length.</summary>
    /// <param name="value">Amount in <paramref name="unit"/>.</param>
    /// <param name="unit">The unit the amount is in.</param>
    public static StepLength FromDistance(double value, DistanceUnit unit) => new(StepLengthKind.Distance, value, unit);

    /// <summary>The duration in seconds, or null for a distance.</summary>
    public int? Seconds => Kind == StepLengthKind.Time ? (int)Value : null;

    /// <summary>The distance in meters, or null for a time.</summary>
    public double? Meters => Kind == StepLengthKind.Distance ? Value * MetersPer(Unit) : null;

    /// <summary>Meters in one <paramref name="unit"/>.</summary>
    public static double MetersPer(DistanceUnit unit) => unit switch
    {
        DistanceUnit.Kilometers => 1000.0,
        DistanceUnit.Miles => 1609.344,
        DistanceUnit.Yards => 0.9144,
        _ => 1.0,
    };
}
