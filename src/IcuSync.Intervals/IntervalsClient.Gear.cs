namespace IcuSync.Intervals;

public sealed partial class IntervalsClient
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<GearDto>> ListGearAsync(IntervalsCredential credential, string athleteId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.ListGear).Path("id", RequireAthleteId(athleteId));
        return await SendAsync(request, credential, IntervalsJsonContext.Default.ListGearDto, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<GearDto> CreateGearAsync(IntervalsCredential credential, string athleteId, GearDto gear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(gear);
        if (string.IsNullOrWhiteSpace(gear.Name) || string.IsNullOrWhiteSpace(gear.Type))
        {
            throw Invalid("New gear needs a 'name' and a 'type' (e.g. Bike, Shoes, Chain, Tyre).");
        }

        var request = new IntervalsRequest(IntervalsEndpoints.CreateGear)
            .Path("id", RequireAthleteId(athleteId))
            .Json(gear, IntervalsJsonContext.Default.GearDto);
        return SendAsync(request, credential, IntervalsJsonContext.Default.GearDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<GearDto> UpdateGearAsync(IntervalsCredential credential, string athleteId, string gearId, GearDto changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(changes);
        var request = new IntervalsRequest(IntervalsEndpoints.UpdateGear)
            .Path("id", RequireAthleteId(athleteId))
            .Path("gearId", RequireGearId(gearId))
            .Json(changes, IntervalsJsonContext.Default.GearDto);
        return SendAsync(request, credential, IntervalsJsonContext.Default.GearDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<GearDto> CreateGearReminderAsync(IntervalsCredential credential, string athleteId, string gearId, GearReminderDto reminder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(reminder);
        if (string.IsNullOrWhiteSpace(reminder.Name))
        {
            throw Invalid("The reminder has no 'name' (e.g. \"Replace chain\").");
        }

        if (reminder.Distance is null && reminder.Time is null && reminder.Activities is null && reminder.Days is null)
        {
            throw Invalid("The reminder needs a limit: 'distance' (meters), 'time' (seconds), 'activities' or 'days'.");
        }

        var request = new IntervalsRequest(IntervalsEndpoints.CreateGearReminder)
            .Path("id", RequireAthleteId(athleteId))
            .Path("gearId", RequireGearId(gearId))
            .Json(reminder, IntervalsJsonContext.Default.GearReminderDto);
        return SendAsync(request, credential, IntervalsJsonContext.Default.GearDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<GearDto> UpdateGearReminderAsync(
        IntervalsCredential credential,
        string athleteId,
        string gearId,
        long reminderId,
        GearReminderDto changes,
        bool reset = false,
        int snoozeDays = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(changes);
        if (snoozeDays is < 0 or > 3650)
        {
            throw Invalid($"'snoozeDays' is {snoozeDays}; expected 0 to 3650 days.");
        }

        var request = new IntervalsRequest(IntervalsEndpoints.UpdateGearReminder)
            .Path("id", RequireAthleteId(athleteId))
            .Path("gearId", RequireGearId(gearId))
            .Path("reminderId", RequireReminderId(reminderId))
            .Query("reset", reset)
            .Query("snoozeDays", snoozeDays)
            .Json(changes, IntervalsJsonContext.Default.GearReminderDto);
        return SendAsync(request, credential, IntervalsJsonContext.Default.GearDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<GearDto> DeleteGearReminderAsync(IntervalsCredential credential, string athleteId, string gearId, long reminderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.DeleteGearReminder)
            .Path("id", RequireAthleteId(athleteId))
            .Path("gearId", RequireGearId(gearId))
            .Path("reminderId", RequireReminderId(reminderId));
        return SendAsync(request, credential, IntervalsJsonContext.Default.GearDto, cancellationToken);
    }

    private static string RequireGearId(string gearId) => RequireId(gearId, "gearId", "a gear id from the gear list");

    private static long RequireReminderId(long reminderId) =>
        reminderId > 0 ? reminderId : throw Invalid($"'reminderId' is {reminderId}; expected a positive reminder id from the gear list.");
}
