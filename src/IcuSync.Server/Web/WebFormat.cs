using System.Globalization;

namespace IcuSync.Server.Web;

/// <summary>Formats times for the pages: in the account's time zone when known, else UTC; invariant culture.</summary>
public static class WebFormat
{
    /// <summary>E.g. <c>27 Nov 2026, 09:31 UTC</c>.</summary>
    public static string Time(DateTimeOffset at, string? timeZone)
    {
        if (!string.IsNullOrEmpty(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            var local = TimeZoneInfo.ConvertTime(at, zone);
            return local.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " (" + timeZone + ")";
        }

        return at.UtcDateTime.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " UTC";
    }

    /// <summary>The machine-readable form for a <c>time</c> element's <c>datetime</c> attribute.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
