using IcuSync.Intervals;

namespace IcuSync.Server.Coaching;

/// <summary>
/// The athlete's own calendar: their time zone (from their Intervals.icu profile) and their local "today".
/// Every date a tool reads or writes is a local date in that zone, which avoids the off-by-one-day errors of
/// servers that use UTC or the server's zone.
/// </summary>
public sealed class AthleteCalendar(IntervalsReads reads, TimeProvider time)
{
    public async ValueTask<TimeZoneInfo> GetTimeZoneAsync(string athleteId, IntervalsCredential credential, CancellationToken cancellationToken)
    {
        var athlete = await reads.GetAthleteAsync(credential, athleteId, cancellationToken);
        return Resolve(athlete.Timezone);
    }

    public DateOnly TodayIn(TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);

    /// <summary>An IANA zone id, falling back to UTC for a missing or unknown zone.</summary>
    public static TimeZoneInfo Resolve(string? zoneId) =>
        !string.IsNullOrWhiteSpace(zoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? zone : TimeZoneInfo.Utc;
}
