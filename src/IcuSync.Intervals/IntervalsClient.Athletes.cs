namespace IcuSync.Intervals;

public sealed partial class IntervalsClient
{
    /// <inheritdoc />
    public async Task<AthleteDto> GetAthleteAsync(IntervalsCredential credential, string athleteId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.GetAthlete).Path("id", RequireAthleteId(athleteId));
        var athlete = await SendAsync(request, credential, IntervalsJsonContext.Default.AthleteDto, cancellationToken).ConfigureAwait(false);
        return RemoveSecrets(athlete, athlete.AdditionalFields);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CoachedAthleteDto>> ListAthletesAsync(IntervalsCredential credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.ListAthletes);
        var athletes = await SendAsync(request, credential, IntervalsJsonContext.Default.ListCoachedAthleteDto, cancellationToken).ConfigureAwait(false);
        foreach (var athlete in athletes)
        {
            RemoveSecrets(athlete, athlete.AdditionalFields);
        }

        return athletes;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SportSettingsDto>> ListSportSettingsAsync(IntervalsCredential credential, string athleteId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.ListSportSettings).Path("athleteId", RequireAthleteId(athleteId));
        return await SendAsync(request, credential, IntervalsJsonContext.Default.ListSportSettingsDto, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<SportSettingsDto> GetSportSettingsAsync(IntervalsCredential credential, string athleteId, string idOrActivityType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.GetSportSettings)
            .Path("athleteId", RequireAthleteId(athleteId))
            .Path("id", RequireId(idOrActivityType, "idOrActivityType", "a sport-settings id or an activity type such as Ride or Run"));
        return SendAsync(request, credential, IntervalsJsonContext.Default.SportSettingsDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<SportSettingsDto> UpdateSportSettingsAsync(
        IntervalsCredential credential,
        string athleteId,
        string idOrActivityType,
        SportSettingsDto changes,
        bool recalculateHrZones = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.ThresholdPace is > 15)
        {
            throw Invalid($"'threshold_pace' is {changes.ThresholdPace} but must be a speed in m/s (run 4:55/km ≈ 3.39, swim 1:40/100m = 1.0), not seconds.");
        }

        if (changes.Ftp is <= 0 or > 2500)
        {
            throw Invalid($"'ftp' is {changes.Ftp} W; expected watts between 1 and 2500.");
        }

        var request = new IntervalsRequest(IntervalsEndpoints.UpdateSportSettings)
            .Path("athleteId", RequireAthleteId(athleteId))
            .Path("id", RequireId(idOrActivityType, "idOrActivityType", "a sport-settings id or an activity type such as Ride or Run"))
            .Query("recalcHrZones", recalculateHrZones)
            .Json(changes, IntervalsJsonContext.Default.SportSettingsDto);
        return SendAsync(request, credential, IntervalsJsonContext.Default.SportSettingsDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task ApplySportSettingsAsync(IntervalsCredential credential, string athleteId, string idOrActivityType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.ApplySportSettings)
            .Path("athleteId", RequireAthleteId(athleteId))
            .Path("id", RequireId(idOrActivityType, "idOrActivityType", "a sport-settings id or an activity type such as Ride or Run"));
        return SendAsync(request, credential, cancellationToken);
    }
}
