namespace IcuSync.Intervals;

public sealed partial class IntervalsClient
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<ActivityDto>> ListActivitiesAsync(
        IntervalsCredential credential,
        string athleteId,
        DateOnly oldest,
        DateOnly? newest = null,
        int? limit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (newest is { } last && last < oldest)
        {
            throw Invalid($"'newest' ({last:yyyy-MM-dd}) is before 'oldest' ({oldest:yyyy-MM-dd}). Give the range oldest first.");
        }

        if (limit is <= 0)
        {
            throw Invalid($"'limit' is {limit}; expected a positive number of activities.");
        }

        // A bare date as "newest" may be read as its midnight; ask for the end of that day so it is included.
        var request = new IntervalsRequest(IntervalsEndpoints.ListActivities)
            .Path("id", RequireAthleteId(athleteId))
            .Query("oldest", oldest)
            .Query("newest", newest?.ToDateTime(new TimeOnly(23, 59, 59)))
            .Query("limit", limit);
        return await SendAsync(request, credential, IntervalsJsonContext.Default.ListActivityDto, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<ActivityDto> GetActivityAsync(IntervalsCredential credential, string activityId, bool includeIntervals = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.GetActivity)
            .Path("id", RequireActivityId(activityId))
            .Query("intervals", includeIntervals ? "true" : null);
        return SendAsync(request, credential, IntervalsJsonContext.Default.ActivityDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ActivityIntervalsDto> GetActivityIntervalsAsync(IntervalsCredential credential, string activityId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.GetActivityIntervals).Path("id", RequireActivityId(activityId));
        return SendAsync(request, credential, IntervalsJsonContext.Default.ActivityIntervalsDto, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ActivityStreamDto>> GetActivityStreamsAsync(
        IntervalsCredential credential,
        string activityId,
        IReadOnlyCollection<string>? types = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.GetActivityStreams)
            .Path("id", RequireActivityId(activityId))
            .Query("types", types);
        return await SendAsync(request, credential, IntervalsJsonContext.Default.ListActivityStreamDto, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<BestEffortsDto> GetBestEffortsAsync(IntervalsCredential credential, string activityId, BestEffortsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(query.Stream))
        {
            throw Invalid("'stream' is empty. Expected a stream name such as watts, heartrate or velocity_smooth.");
        }

        if ((query.DurationSeconds is null) == (query.DistanceMeters is null))
        {
            throw Invalid("Best efforts need exactly one of 'duration' (seconds, e.g. 300) or 'distance' (meters, e.g. 1000).");
        }

        if (query.DurationSeconds is <= 0 || query.DistanceMeters is <= 0 || query.Count is <= 0)
        {
            throw Invalid("'duration', 'distance' and 'count' must be positive (duration in seconds, distance in meters).");
        }

        var request = new IntervalsRequest(IntervalsEndpoints.GetBestEfforts)
            .Path("id", RequireActivityId(activityId))
            .Query("stream", query.Stream.Trim())
            .Query("duration", query.DurationSeconds)
            .Query("distance", query.DistanceMeters)
            .Query("count", query.Count)
            .Query("excludeIntervals", query.ExcludeIntervals ? "true" : null);
        return SendAsync(request, credential, IntervalsJsonContext.Default.BestEffortsDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<PowerCurveDto> GetActivityPowerCurveAsync(IntervalsCredential credential, string activityId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.GetActivityPowerCurve).Path("id", RequireActivityId(activityId));
        return SendAsync(request, credential, IntervalsJsonContext.Default.PowerCurveDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<PowerCurveSetDto> GetPowerCurvesAsync(
        IntervalsCredential credential,
        string athleteId,
        string activityType,
        IReadOnlyCollection<string>? curves = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (string.IsNullOrWhiteSpace(activityType))
        {
            throw Invalid("'activityType' is required for power curves. Expected a sport such as Ride, Run or VirtualRide.");
        }

        var request = new IntervalsRequest(IntervalsEndpoints.ListPowerCurves)
            .Path("id", RequireAthleteId(athleteId))
            .Query("type", activityType.Trim())
            .Query("curves", CheckCurves(curves));
        return SendAsync(request, credential, IntervalsJsonContext.Default.PowerCurveSetDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<HrCurveSetDto> GetHrCurvesAsync(
        IntervalsCredential credential,
        string athleteId,
        string? activityType = null,
        IReadOnlyCollection<string>? curves = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.ListHrCurves)
            .Path("id", RequireAthleteId(athleteId))
            .Query("type", string.IsNullOrWhiteSpace(activityType) ? null : activityType.Trim())
            .Query("curves", CheckCurves(curves));
        return SendAsync(request, credential, IntervalsJsonContext.Default.HrCurveSetDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<PaceCurveSetDto> GetPaceCurvesAsync(
        IntervalsCredential credential,
        string athleteId,
        string? activityType = null,
        IReadOnlyCollection<string>? curves = null,
        bool gradeAdjusted = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.ListPaceCurves)
            .Path("id", RequireAthleteId(athleteId))
            .Query("type", string.IsNullOrWhiteSpace(activityType) ? null : activityType.Trim())
            .Query("curves", CheckCurves(curves))
            .Query("gap", gradeAdjusted ? "true" : null);
        return SendAsync(request, credential, IntervalsJsonContext.Default.PaceCurveSetDto, cancellationToken);
    }

    /// <summary>Rejects curve specs Intervals.icu would not understand, naming the accepted forms.</summary>
    private static IReadOnlyCollection<string>? CheckCurves(IReadOnlyCollection<string>? curves)
    {
        if (curves is null)
        {
            return null;
        }

        foreach (var raw in curves)
        {
            var spec = raw?.Trim() ?? "";
            if (!IsCurveSpec(spec))
            {
                throw Invalid($"Curve '{spec}' is not understood. Use Nd (days back, e.g. 42d), Ny (years, e.g. 1y), sN (season, s0 = current), all, or r.YYYY-MM-DD.YYYY-MM-DD.");
            }
        }

        return curves;
    }

    private static bool IsCurveSpec(string spec)
    {
        if (spec == "all")
        {
            return true;
        }

        // Power curves also take -kj0/-kj1 suffixes for fatigued curves.
        var core = spec.EndsWith("-kj0", StringComparison.Ordinal) || spec.EndsWith("-kj1", StringComparison.Ordinal) ? spec[..^4] : spec;
        if (core.Length >= 2 && (core[^1] is 'd' or 'y') && core[..^1].All(char.IsAsciiDigit))
        {
            return true;
        }

        if (core.Length >= 2 && core[0] == 's' && core[1..].All(char.IsAsciiDigit))
        {
            return true;
        }

        var parts = core.Split('.');
        return parts.Length == 3 && parts[0] == "r"
            && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var from)
            && DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var to)
            && from <= to;
    }
}
