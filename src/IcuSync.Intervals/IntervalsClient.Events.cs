namespace IcuSync.Intervals;

public sealed partial class IntervalsClient
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<EventDto>> ListEventsAsync(
        IntervalsCredential credential,
        string athleteId,
        DateOnly oldest,
        DateOnly newest,
        IReadOnlyCollection<string>? categories = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        CheckRange(oldest, newest);
        var request = new IntervalsRequest(IntervalsEndpoints.ListEvents)
            .Path("id", RequireAthleteId(athleteId))
            .Query("oldest", oldest)
            .Query("newest", newest)
            .Query("category", categories?.Select(c => c.Trim().ToUpperInvariant()));
        return await SendAsync(request, credential, IntervalsJsonContext.Default.ListEventDto, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<EventDto> GetEventAsync(IntervalsCredential credential, string athleteId, long eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.GetEvent)
            .Path("id", RequireAthleteId(athleteId))
            .Path("eventId", RequireEventId(eventId));
        return SendAsync(request, credential, IntervalsJsonContext.Default.EventDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<EventDto> CreateEventAsync(IntervalsCredential credential, string athleteId, EventDto newEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(newEvent);
        CheckNewEvent(newEvent, "event");
        var request = new IntervalsRequest(IntervalsEndpoints.CreateEvent)
            .Path("id", RequireAthleteId(athleteId))
            .Query("upsertOnUid", false)
            .Json(ForWriting(newEvent), IntervalsJsonContext.Default.EventDto);
        return SendAsync(request, credential, IntervalsJsonContext.Default.EventDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<EventDto> UpdateEventAsync(IntervalsCredential credential, string athleteId, long eventId, EventDto changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Id is { } id && id != eventId)
        {
            throw Invalid($"The event's 'id' ({id}) differs from 'eventId' ({eventId}); leave 'id' empty or make them equal.");
        }

        var request = new IntervalsRequest(IntervalsEndpoints.UpdateEvent)
            .Path("id", RequireAthleteId(athleteId))
            .Path("eventId", RequireEventId(eventId))
            .Json(ForWriting(changes), IntervalsJsonContext.Default.EventDto);
        return SendAsync(request, credential, IntervalsJsonContext.Default.EventDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteEventAsync(IntervalsCredential credential, string athleteId, long eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.DeleteEvent)
            .Path("id", RequireAthleteId(athleteId))
            .Path("eventId", RequireEventId(eventId));
        return SendAsync(request, credential, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EventDto>> UpsertEventsAsync(
        IntervalsCredential credential,
        string athleteId,
        IReadOnlyList<EventDto> events,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var item = events[i] ?? throw Invalid($"events[{i}] is null.");
            if (string.IsNullOrWhiteSpace(item.ExternalId))
            {
                throw Invalid($"events[{i}] has no 'external_id'. Upsert matches events by external id, so every event needs a stable one (e.g. 'icusync-2026-05-20-threshold').");
            }

            if (!seen.Add(item.ExternalId))
            {
                throw Invalid($"events[{i}] repeats 'external_id' '{item.ExternalId}'. Each event in one upsert needs its own external id.");
            }

            CheckNewEvent(item, $"events[{i}]");
        }

        var request = new IntervalsRequest(IntervalsEndpoints.UpsertEvents)
            .Path("id", RequireAthleteId(athleteId))
            .Query("upsert", true)
            .Query("upsertOnUid", false)
            .Query("updatePlanApplied", false)
            .Json(events.Select(ForWriting).ToList(), IntervalsJsonContext.Default.ListEventDto);
        return await SendAsync(request, credential, IntervalsJsonContext.Default.ListEventDto, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> DeleteEventsAsync(
        IntervalsCredential credential,
        string athleteId,
        IReadOnlyList<DoomedEventDto> events,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return 0;
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is null || (events[i].Id is null && string.IsNullOrWhiteSpace(events[i].ExternalId)))
            {
                throw Invalid($"events[{i}] names no event. Set 'id' or 'external_id'.");
            }
        }

        var request = new IntervalsRequest(IntervalsEndpoints.DeleteEvents)
            .Path("id", RequireAthleteId(athleteId))
            .Json(events.ToList(), IntervalsJsonContext.Default.ListDoomedEventDto);
        var result = await SendAsync(request, credential, IntervalsJsonContext.Default.DeleteEventsResponseDto, cancellationToken).ConfigureAwait(false);
        return result.EventsDeleted ?? 0;
    }

    private static long RequireEventId(long eventId) =>
        eventId > 0 ? eventId : throw Invalid($"'eventId' is {eventId}; expected a positive event id from the calendar.");

    private static void CheckNewEvent(EventDto item, string name)
    {
        if (string.IsNullOrWhiteSpace(item.Category))
        {
            throw Invalid($"{name} has no 'category'. Expected WORKOUT, NOTE, RACE_A, RACE_B, RACE_C, HOLIDAY, SICK, INJURED or TARGET.");
        }

        if (item.StartDateLocal is null)
        {
            throw Invalid($"{name} has no 'start_date_local'. Expected the athlete-local start, e.g. 2026-05-20T00:00:00.");
        }

        if (item.EndDateLocal is { } end && end < item.StartDateLocal)
        {
            throw Invalid($"{name} ends ({end:yyyy-MM-dd'T'HH:mm:ss}) before it starts ({item.StartDateLocal:yyyy-MM-dd'T'HH:mm:ss}).");
        }
    }

    /// <summary>Strips server-computed fields Intervals.icu does not take as input (it rebuilds the workout from the text).</summary>
    private static EventDto ForWriting(EventDto item) => item with { WorkoutDoc = null, Updated = null };
}
