namespace IcuSync.Intervals;

/// <summary>
/// Typed access to the Intervals.icu REST API on behalf of many users: every call names the credential and the
/// athlete (<c>0</c> means the credential's own athlete). Calls are paced per credential (~10 requests/s), retried with
/// backoff on 429 and 5xx where that is safe, and fail with <see cref="IntervalsException"/> whose
/// <see cref="IntervalsException.Kind"/> tells the caller what advice to give. Dates are athlete-local.
/// </summary>
public interface IIntervalsClient
{
    // Athlete and sport settings

    /// <summary>The athlete's profile with sport settings (<c>GET /api/v1/athlete/{id}</c>). The API key field is removed.</summary>
    Task<AthleteDto> GetAthleteAsync(IntervalsCredential credential, string athleteId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The athletes the API key's owner follows or coaches, the owner included (<c>GET /api/v1/athletes</c>).
    /// Intervals.icu refuses OAuth tokens here, so a bearer credential fails at once with <see cref="IntervalsErrorKind.Forbidden"/>.
    /// </summary>
    Task<IReadOnlyList<CoachedAthleteDto>> ListAthletesAsync(IntervalsCredential credential, CancellationToken cancellationToken = default);

    /// <summary>All sport settings of the athlete (thresholds and zones per sport group).</summary>
    Task<IReadOnlyList<SportSettingsDto>> ListSportSettingsAsync(IntervalsCredential credential, string athleteId, CancellationToken cancellationToken = default);

    /// <summary>One sport-settings entry by id or by activity type (e.g. <c>Ride</c>, <c>Run</c>).</summary>
    Task<SportSettingsDto> GetSportSettingsAsync(IntervalsCredential credential, string athleteId, string idOrActivityType, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates the fields set in <paramref name="changes"/> (null fields are not sent). FTP in watts, thresholds in bpm,
    /// threshold pace in m/s. <paramref name="recalculateHrZones"/> asks Intervals.icu to rebuild HR zones from LTHR/max HR.
    /// </summary>
    Task<SportSettingsDto> UpdateSportSettingsAsync(IntervalsCredential credential, string athleteId, string idOrActivityType, SportSettingsDto changes, bool recalculateHrZones = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-applies one sport-settings entry (thresholds and zones) to the athlete's past activities of its types
    /// (<c>PUT …/sport-settings/{id}/apply</c>), so their zone times and loads use the new values. Intervals.icu does the
    /// work in the background after answering; repeating the call is harmless.
    /// </summary>
    Task ApplySportSettingsAsync(IntervalsCredential credential, string athleteId, string idOrActivityType, CancellationToken cancellationToken = default);

    // Activities

    /// <summary>
    /// Activities started between <paramref name="oldest"/> and <paramref name="newest"/> (whole local days, inclusive;
    /// newest defaults to now), newest first, at most <paramref name="limit"/>. Strava imports come back as stubs
    /// (<see cref="ActivityDto.IsStravaStub"/>).
    /// </summary>
    Task<IReadOnlyList<ActivityDto>> ListActivitiesAsync(IntervalsCredential credential, string athleteId, DateOnly oldest, DateOnly? newest = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>One activity (<c>GET /api/v1/activity/{id}</c>), with intervals when <paramref name="includeIntervals"/>. A Strava import is returned as a stub.</summary>
    Task<ActivityDto> GetActivityAsync(IntervalsCredential credential, string activityId, bool includeIntervals = false, CancellationToken cancellationToken = default);

    /// <summary>The activity's intervals and interval groups. A Strava import fails with <see cref="IntervalsErrorKind.StravaRestricted"/>.</summary>
    Task<ActivityIntervalsDto> GetActivityIntervalsAsync(IntervalsCredential credential, string activityId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The activity's streams (1 Hz samples aligned by index), limited to <paramref name="types"/> when given
    /// (e.g. <c>time</c>, <c>watts</c>, <c>heartrate</c>). A Strava import fails with <see cref="IntervalsErrorKind.StravaRestricted"/>.
    /// </summary>
    Task<IReadOnlyList<ActivityStreamDto>> GetActivityStreamsAsync(IntervalsCredential credential, string activityId, IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default);

    /// <summary>The best efforts of one duration (s) or distance (m) on one stream of an activity.</summary>
    Task<BestEffortsDto> GetBestEffortsAsync(IntervalsCredential credential, string activityId, BestEffortsQuery query, CancellationToken cancellationToken = default);

    /// <summary>One activity's best-power curve (seconds → watts). 404 (<see cref="IntervalsErrorKind.NotFound"/>) when it has no power.</summary>
    Task<PowerCurveDto> GetActivityPowerCurveAsync(IntervalsCredential credential, string activityId, CancellationToken cancellationToken = default);

    // Curves

    /// <summary>
    /// Best-power curves for <paramref name="activityType"/> (required by Intervals.icu, e.g. <c>Ride</c>), one per curve
    /// spec: <c>42d</c>, <c>84d</c>, <c>1y</c>, <c>s0</c> (season), <c>all</c>, <c>r.2024-01-01.2024-03-31</c>. Default: last year.
    /// </summary>
    Task<PowerCurveSetDto> GetPowerCurvesAsync(IntervalsCredential credential, string athleteId, string activityType, IReadOnlyCollection<string>? curves = null, CancellationToken cancellationToken = default);

    /// <summary>Best heart-rate curves (seconds → bpm), optionally for one sport.</summary>
    Task<HrCurveSetDto> GetHrCurvesAsync(IntervalsCredential credential, string athleteId, string? activityType = null, IReadOnlyCollection<string>? curves = null, CancellationToken cancellationToken = default);

    /// <summary>Best pace curves (meters → seconds), optionally for one sport; <paramref name="gradeAdjusted"/> for GAP curves.</summary>
    Task<PaceCurveSetDto> GetPaceCurvesAsync(IntervalsCredential credential, string athleteId, string? activityType = null, IReadOnlyCollection<string>? curves = null, bool gradeAdjusted = false, CancellationToken cancellationToken = default);

    // Wellness

    /// <summary>Wellness records from <paramref name="oldest"/> to <paramref name="newest"/> (local dates, inclusive); days without a record are absent.</summary>
    Task<IReadOnlyList<WellnessDto>> ListWellnessAsync(IntervalsCredential credential, string athleteId, DateOnly oldest, DateOnly newest, CancellationToken cancellationToken = default);

    /// <summary>The wellness record of one local date.</summary>
    Task<WellnessDto> GetWellnessAsync(IntervalsCredential credential, string athleteId, DateOnly date, CancellationToken cancellationToken = default);

    /// <summary>Changes the fields set in <paramref name="changes"/> on one day's record (others stay as they are). Locked records ignore updates.</summary>
    Task<WellnessDto> UpdateWellnessAsync(IntervalsCredential credential, string athleteId, DateOnly date, WellnessDto changes, CancellationToken cancellationToken = default);

    // Events

    /// <summary>Calendar events from <paramref name="oldest"/> to <paramref name="newest"/> (local dates, inclusive), optionally only the given categories (e.g. <c>WORKOUT</c>, <c>RACE_A</c>).</summary>
    Task<IReadOnlyList<EventDto>> ListEventsAsync(IntervalsCredential credential, string athleteId, DateOnly oldest, DateOnly newest, IReadOnlyCollection<string>? categories = null, CancellationToken cancellationToken = default);

    /// <summary>One event.</summary>
    Task<EventDto> GetEventAsync(IntervalsCredential credential, string athleteId, long eventId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates one event (<c>category</c> and <c>start_date_local</c> required). Not idempotent: it is retried only when
    /// Intervals.icu refused it with 429, never after a timeout or 5xx. Prefer <see cref="UpsertEventsAsync"/> with an external id.
    /// </summary>
    Task<EventDto> CreateEventAsync(IntervalsCredential credential, string athleteId, EventDto newEvent, CancellationToken cancellationToken = default);

    /// <summary>Updates one event with the fields set in <paramref name="changes"/>.</summary>
    Task<EventDto> UpdateEventAsync(IntervalsCredential credential, string athleteId, long eventId, EventDto changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes one event.</summary>
    Task DeleteEventAsync(IntervalsCredential credential, string athleteId, long eventId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or updates events by <c>external_id</c> (<c>POST …/events/bulk?upsert=true</c>): sending the same events
    /// twice leaves one of each. Every event needs an external id, a category and a start date. Safe to retry.
    /// </summary>
    Task<IReadOnlyList<EventDto>> UpsertEventsAsync(IntervalsCredential credential, string athleteId, IReadOnlyList<EventDto> events, CancellationToken cancellationToken = default);

    /// <summary>Deletes events by id or external id; unknown ones are ignored. Returns how many were deleted.</summary>
    Task<int> DeleteEventsAsync(IntervalsCredential credential, string athleteId, IReadOnlyList<DoomedEventDto> events, CancellationToken cancellationToken = default);

    // Workout library

    /// <summary>Library folders and plans, each with its workouts.</summary>
    Task<IReadOnlyList<FolderDto>> ListFoldersAsync(IntervalsCredential credential, string athleteId, CancellationToken cancellationToken = default);

    /// <summary>Library workouts, optionally only those in <paramref name="folderId"/> (filtered client-side: there is no per-folder GET).</summary>
    Task<IReadOnlyList<WorkoutDto>> ListWorkoutsAsync(IntervalsCredential credential, string athleteId, long? folderId = null, CancellationToken cancellationToken = default);

    /// <summary>One library workout.</summary>
    Task<WorkoutDto> GetWorkoutAsync(IntervalsCredential credential, string athleteId, long workoutId, CancellationToken cancellationToken = default);

    /// <summary>Creates a library workout (<c>folder_id</c> and <c>name</c> required). Not idempotent.</summary>
    Task<WorkoutDto> CreateWorkoutAsync(IntervalsCredential credential, string athleteId, WorkoutDto workout, CancellationToken cancellationToken = default);

    /// <summary>Creates a library folder (<c>name</c> required; <c>type</c> defaults to <c>FOLDER</c>). Not idempotent.</summary>
    Task<FolderDto> CreateFolderAsync(IntervalsCredential credential, string athleteId, FolderDto folder, CancellationToken cancellationToken = default);

    // Gear

    /// <summary>The athlete's gear and components with their reminders.</summary>
    Task<IReadOnlyList<GearDto>> ListGearAsync(IntervalsCredential credential, string athleteId, CancellationToken cancellationToken = default);

    /// <summary>Creates gear (<c>name</c> and <c>type</c> required). Not idempotent.</summary>
    Task<GearDto> CreateGearAsync(IntervalsCredential credential, string athleteId, GearDto gear, CancellationToken cancellationToken = default);

    /// <summary>Updates gear with the fields set in <paramref name="changes"/>.</summary>
    Task<GearDto> UpdateGearAsync(IntervalsCredential credential, string athleteId, string gearId, GearDto changes, CancellationToken cancellationToken = default);

    /// <summary>Adds a service reminder to gear; returns the gear with its reminders. Not idempotent.</summary>
    Task<GearDto> CreateGearReminderAsync(IntervalsCredential credential, string athleteId, string gearId, GearReminderDto reminder, CancellationToken cancellationToken = default);

    /// <summary>Updates a reminder; <paramref name="reset"/> restarts its count, <paramref name="snoozeDays"/> postpones it. Returns the gear.</summary>
    Task<GearDto> UpdateGearReminderAsync(IntervalsCredential credential, string athleteId, string gearId, long reminderId, GearReminderDto changes, bool reset = false, int snoozeDays = 0, CancellationToken cancellationToken = default);

    /// <summary>Removes a reminder; returns the gear.</summary>
    Task<GearDto> DeleteGearReminderAsync(IntervalsCredential credential, string athleteId, string gearId, long reminderId, CancellationToken cancellationToken = default);

    // OAuth

    /// <summary>The consent URL to send the user's browser to (client id, redirect URI, scopes, state; <c>response_type=code</c>).</summary>
    Uri BuildAuthorizeUri(IntervalsAuthorizeRequest request);

    /// <summary>
    /// Exchanges the code from the OAuth callback for a long-lived bearer token (form POST to the token endpoint).
    /// Codes are single-use and expire after about 2 minutes, so this is never retried except on 429.
    /// </summary>
    Task<IntervalsOAuthGrant> ExchangeCodeAsync(string clientId, string clientSecret, string code, Uri? redirectUri = null, CancellationToken cancellationToken = default);

    /// <summary>Revokes a bearer token (<c>DELETE /api/v1/disconnect-app</c>).</summary>
    Task DisconnectAppAsync(IntervalsCredential credential, CancellationToken cancellationToken = default);
}
