using System.Globalization;

namespace IcuSync.Server.Coaching;

/// <summary>Compact, unit-explicit renderings for model-facing output.</summary>
public static class Units
{
    /// <summary>Seconds as h:mm:ss (or m:ss under an hour).</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || s < 0)
        {
            return "";
        }

        var span = TimeSpan.FromSeconds(Math.Round(s));
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:00}");
    }

    /// <summary>Speed in m/s as pace per km ("4:32/km"), or per 100 m for swims.</summary>
    public static string? Pace(double? metersPerSecond, string sport)
    {
        if (metersPerSecond is not { } v || v <= 0.1)
        {
            return null;
        }

        var swim = sport.Contains("Swim", StringComparison.OrdinalIgnoreCase);
        var seconds = (swim ? 100 : 1000) / v;
        var span = TimeSpan.FromSeconds(Math.Round(seconds));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}:{span.Seconds:00}/{(swim ? "100m" : "km")}");
    }

    public static double? Round(double? value, int digits = 1) => value is { } v && double.IsFinite(v) ? Math.Round(v, digits) : null;

    public static double? Km(double? meters) => meters is { } m && m > 0 ? Math.Round(m / 1000, 2) : null;

    public static string Number(double value, int digits = 1) => Math.Round(value, digits).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Intervals.icu pace display units (<c>pace_units</c>) applied to a speed in m/s.</summary>
public static class PaceUnits
{
    public static string? Format(double? metersPerSecond, string? paceUnits)
    {
        if (metersPerSecond is not { } v || v <= 0)
        {
            return null;
        }

        var (meters, label) = (paceUnits ?? "MINS_KM").ToUpperInvariant() switch
        {
            "MINS_MILE" => (1609.344, "/mi"),
            "SECS_100M" => (100.0, "/100m"),
            "SECS_100Y" => (91.44, "/100y"),
            "SECS_500M" => (500.0, "/500m"),
            "SECS_400M" => (400.0, "/400m"),
            "SECS_250M" => (250.0, "/250m"),
            _ => (1000.0, "/km"),
        };
        var span = TimeSpan.FromSeconds(Math.Round(meters / v));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}:{span.Seconds:00}{label}");
    }
}
