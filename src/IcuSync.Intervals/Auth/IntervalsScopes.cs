namespace IcuSync.Intervals;

/// <summary>
/// OAuth scope names Intervals.icu documents (<c>AREA:LEVEL</c>, comma-separated in the <c>scope</c> parameter).
/// WRITE implies READ; asking for both levels of one area is refused as a duplicate, and unknown scopes fail the
/// whole authorization, so request only these.
/// </summary>
public static class IntervalsScopes
{
    /// <summary>Activities, streams, intervals, curves and best efforts (read).</summary>
    public const string ActivityRead = "ACTIVITY:READ";

    /// <summary>Activities (read and write).</summary>
    public const string ActivityWrite = "ACTIVITY:WRITE";

    /// <summary>Wellness records (read).</summary>
    public const string WellnessRead = "WELLNESS:READ";

    /// <summary>Wellness records (read and write).</summary>
    public const string WellnessWrite = "WELLNESS:WRITE";

    /// <summary>Calendar events and planned workouts (read).</summary>
    public const string CalendarRead = "CALENDAR:READ";

    /// <summary>Calendar events and planned workouts (read and write).</summary>
    public const string CalendarWrite = "CALENDAR:WRITE";

    /// <summary>Athlete profile and sport settings (read).</summary>
    public const string SettingsRead = "SETTINGS:READ";

    /// <summary>Athlete profile and sport settings (read and write).</summary>
    public const string SettingsWrite = "SETTINGS:WRITE";

    /// <summary>All documented scopes, one level per area (WRITE, which implies READ).</summary>
    public static IReadOnlyList<string> AllWrite { get; } = [ActivityWrite, WellnessWrite, CalendarWrite, SettingsWrite];

    /// <summary>Splits, trims, upper-cases and de-duplicates scope strings (accepts comma- or space-separated lists).</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string>? scopes)
    {
        if (scopes is null)
        {
            return [];
        }

        return [.. scopes
            .SelectMany(s => (s ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => s.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)];
    }
}
