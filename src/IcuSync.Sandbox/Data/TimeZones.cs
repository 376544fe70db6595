using System.Collections.Concurrent;

namespace IcuSync.Sandbox.Data;

/// <summary>IANA time zone lookups (unknown zones fall back to UTC so a dataset never fails to load).</summary>
internal static class TimeZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Cache = new(StringComparer.Ordinal);

    public static TimeZoneInfo Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return TimeZoneInfo.Utc;
        }

        return Cache.GetOrAdd(id, static key =>
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(key);
            }
            catch (TimeZoneNotFoundException)
            {
                return TimeZoneInfo.Utc;
            }
            catch (InvalidTimeZoneException)
            {
                return TimeZoneInfo.Utc;
            }
        });
    }

    /// <summary>UTC instant of a local wall-clock time in <paramref name="zone"/> (Kind = Utc).</summary>
    public static DateTime ToUtc(DateTime local, string? zone)
    {
        var tz = Find(zone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (tz.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, tz);
    }

    /// <summary>The local date in <paramref name="zone"/> at instant <paramref name="now"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset now, string? zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Find(zone)).DateTime);
}
