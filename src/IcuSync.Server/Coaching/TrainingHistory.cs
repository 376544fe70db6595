using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>One activity as a compact row. Units are in the names; absent values are left out.</summary>
public sealed record ActivityRow(
    string Id,
    string Date,
    string? Sport,
    string? Name,
    int? DurationS,
    double? DistanceKm,
    int? Load,
    double? If,
    int? AvgPowerW,
    int? NpW,
    int? AvgHrBpm,
    string? Pace,
    int? Rpe,
    int? Feel,
    string? Note);

/// <summary>Totals of a set of activities.</summary>
public sealed record ActivityTotals(int Sessions, int DurationS, double DistanceKm, int Load, IReadOnlyDictionary<string, int> SessionsBySport);

/// <summary>Lists an athlete's activities as compact rows, in their local dates.</summary>
public sealed class TrainingHistory(IntervalsReads reads)
{
    public async Task<IReadOnlyList<ActivityDto>> ListAsync(AthleteScope scope, DateRange range, CancellationToken ct) =>
        await reads.ListActivitiesAsync(scope.Credential, scope.AthleteId, range.Start, range.End, ct);

    public static bool MatchesSport(ActivityDto activity, string? sport) =>
        string.IsNullOrWhiteSpace(sport)
        || (activity.Type is { } type && (string.Equals(type, sport, StringComparison.OrdinalIgnoreCase)
            // "Ride" also covers VirtualRide/GravelRide/MountainBikeRide; "Run" covers VirtualRun/TrailRun.
            || type.EndsWith(sport, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Sport and name shown for a Strava import, whose type and name the API withholds.</summary>
    public const string StravaImport = "Strava import";

    public static ActivityRow ToRow(ActivityDto a)
    {
        if (a.IsStravaStub)
        {
            return new ActivityRow(a.Id ?? "", LocalDate(a), a.Type ?? StravaImport, a.Name ?? StravaImport, null, null, null, null, null, null, null, null, null, null,
                "Strava import: its data is not available through the Intervals.icu API");
        }

        var sport = a.Type ?? "";
        var isPowerSport = a.AverageWatts is > 0;
        return new ActivityRow(
            a.Id ?? "",
            LocalDate(a),
            a.Type,
            a.Name,
            a.MovingTime ?? a.ElapsedTime,
            Units.Km(a.BestDistance),
            a.TrainingLoad,
            a.Intensity is { } i ? Math.Round(i > 3 ? i / 100.0 : i, 2) : null,
            isPowerSport ? a.AverageWatts : null,
            isPowerSport ? a.WeightedAverageWatts : null,
            a.AverageHeartrate,
            isPowerSport ? null : Units.Pace(a.AverageSpeed, sport),
            a.Rpe,
            a.Feel,
            null);
    }

    public static ActivityTotals Totals(IReadOnlyList<ActivityDto> activities)
    {
        var usable = activities.Where(a => !a.IsStravaStub).ToList();
        return new ActivityTotals(
            activities.Count,
            usable.Sum(a => a.MovingTime ?? a.ElapsedTime ?? 0),
            Math.Round(usable.Sum(a => a.BestDistance ?? 0) / 1000, 1),
            usable.Sum(a => a.TrainingLoad ?? 0),
            activities.GroupBy(a => a.Type ?? (a.IsStravaStub ? StravaImport : "Unknown")).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }

    /// <summary>The athlete-local date of an activity (start_date_local carries no offset and is already local).</summary>
    public static string LocalDate(ActivityDto a) =>
        a.StartDateLocal is { } local ? DateRange.Format(DateOnly.FromDateTime(local)) : "";
}
