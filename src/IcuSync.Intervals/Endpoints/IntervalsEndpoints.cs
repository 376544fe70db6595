namespace IcuSync.Intervals;

/// <summary>
/// The catalog of every Intervals.icu operation this client calls. Paths, methods and parameter names follow the
/// OpenAPI document (<c>https://intervals.icu/api/v1/docs</c>); the contract tests verify each entry against it.
/// </summary>
public static class IntervalsEndpoints
{
    private const string CurveFiltersWaiver =
        "The spec marks f1/f2/f3 required, but they are optional comparison filters in practice; clients call the curve endpoints without them (intervals-api.md §5.5).";

    private static readonly Dictionary<string, string> JsonExt = new() { ["ext"] = ".json" };
    private static readonly Dictionary<string, string> BareExt = new() { ["ext"] = "" };
    private static readonly Dictionary<string, string> CurveWaivers = new()
    {
        ["f1"] = CurveFiltersWaiver,
        ["f2"] = CurveFiltersWaiver,
        ["f3"] = CurveFiltersWaiver,
    };

    /// <summary><c>GET /api/v1/athlete/{id}</c>: the athlete with sport settings.</summary>
    public static IntervalsEndpoint GetAthlete { get; } = new()
    {
        OperationId = "getAthlete",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{id}",
        IsIdempotent = true,
        ResponseBody = typeof(AthleteDto),
    };

    /// <summary><c>GET /api/v1/athletes</c>: athletes the API key's owner follows or coaches (API key only).</summary>
    public static IntervalsEndpoint ListAthletes { get; } = new()
    {
        OperationId = "listAthletes",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athletes",
        IsIdempotent = true,
        ResponseBody = typeof(CoachedAthleteDto),
        ResponseIsArray = true,
        ApiKeyOnly = true,
    };

    /// <summary><c>GET /api/v1/athlete/{athleteId}/sport-settings</c>.</summary>
    public static IntervalsEndpoint ListSportSettings { get; } = new()
    {
        OperationId = "listSettings",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{athleteId}/sport-settings",
        IsIdempotent = true,
        ResponseBody = typeof(SportSettingsDto),
        ResponseIsArray = true,
    };

    /// <summary><c>GET /api/v1/athlete/{athleteId}/sport-settings/{id}</c> (id or activity type such as <c>Run</c>).</summary>
    public static IntervalsEndpoint GetSportSettings { get; } = new()
    {
        OperationId = "getSettings_1",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{athleteId}/sport-settings/{id}",
        IsIdempotent = true,
        ResponseBody = typeof(SportSettingsDto),
    };

    /// <summary><c>PUT /api/v1/athlete/{athleteId}/sport-settings/{id}?recalcHrZones=</c>.</summary>
    public static IntervalsEndpoint UpdateSportSettings { get; } = new()
    {
        OperationId = "updateSettings",
        Method = HttpMethod.Put,
        PathTemplate = "/api/v1/athlete/{athleteId}/sport-settings/{id}",
        QueryParameters = ["recalcHrZones"],
        AlwaysSentQueryParameters = ["recalcHrZones"],
        IsIdempotent = true,
        RequestBody = typeof(SportSettingsDto),
        ResponseBody = typeof(SportSettingsDto),
    };

    /// <summary><c>PUT /api/v1/athlete/{athleteId}/sport-settings/{id}/apply</c>: re-applies the settings to past activities (asynchronously upstream).</summary>
    public static IntervalsEndpoint ApplySportSettings { get; } = new()
    {
        OperationId = "applyToActivities",
        Method = HttpMethod.Put,
        PathTemplate = "/api/v1/athlete/{athleteId}/sport-settings/{id}/apply",
        IsIdempotent = true,
    };

    /// <summary><c>GET /api/v1/athlete/{id}/activities?oldest=&amp;newest=&amp;limit=</c>, newest first.</summary>
    public static IntervalsEndpoint ListActivities { get; } = new()
    {
        OperationId = "listActivities",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{id}/activities",
        QueryParameters = ["oldest", "newest", "limit", "fields"],
        AlwaysSentQueryParameters = ["oldest"],
        IsIdempotent = true,
        ResponseBody = typeof(ActivityDto),
        ResponseIsArray = true,
    };

    /// <summary><c>GET /api/v1/activity/{id}?intervals=</c>.</summary>
    public static IntervalsEndpoint GetActivity { get; } = new()
    {
        OperationId = "getActivity",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/activity/{id}",
        QueryParameters = ["intervals"],
        IsIdempotent = true,
        ResponseBody = typeof(ActivityDto),
    };

    /// <summary><c>GET /api/v1/activity/{id}/intervals</c>.</summary>
    public static IntervalsEndpoint GetActivityIntervals { get; } = new()
    {
        OperationId = "getIntervals",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/activity/{id}/intervals",
        IsIdempotent = true,
        ResponseBody = typeof(ActivityIntervalsDto),
    };

    /// <summary><c>GET /api/v1/activity/{id}/streams.json?types=</c>.</summary>
    public static IntervalsEndpoint GetActivityStreams { get; } = new()
    {
        OperationId = "getActivityStreams",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/activity/{id}/streams{ext}",
        FixedPathValues = JsonExt,
        QueryParameters = ["types", "includeDefaults"],
        IsIdempotent = true,
        ResponseBody = typeof(ActivityStreamDto),
        ResponseIsArray = true,
    };

    /// <summary><c>GET /api/v1/activity/{id}/best-efforts?stream=&amp;duration=|distance=</c>.</summary>
    public static IntervalsEndpoint GetBestEfforts { get; } = new()
    {
        OperationId = "findBestEfforts",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/activity/{id}/best-efforts",
        QueryParameters = ["stream", "duration", "distance", "count", "minValue", "excludeIntervals", "startIndex", "endIndex"],
        AlwaysSentQueryParameters = ["stream"],
        IsIdempotent = true,
        ResponseBody = typeof(BestEffortsDto),
    };

    /// <summary><c>GET /api/v1/activity/{id}/power-curve.json</c>: one activity's best-power curve.</summary>
    public static IntervalsEndpoint GetActivityPowerCurve { get; } = new()
    {
        OperationId = "getActivityPowerCurve",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/activity/{id}/power-curve{ext}",
        FixedPathValues = JsonExt,
        QueryParameters = ["fatigue"],
        IsIdempotent = true,
        ResponseBody = typeof(PowerCurveDto),
    };

    /// <summary><c>GET /api/v1/athlete/{id}/power-curves.json?type=&amp;curves=</c> (<c>type</c> is required).</summary>
    public static IntervalsEndpoint ListPowerCurves { get; } = new()
    {
        OperationId = "listAthletePowerCurves",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{id}/power-curves{ext}",
        FixedPathValues = JsonExt,
        QueryParameters = ["type", "curves", "newest"],
        AlwaysSentQueryParameters = ["type"],
        WaivedRequiredQueryParameters = CurveWaivers,
        IsIdempotent = true,
        ResponseBody = typeof(PowerCurveSetDto),
    };

    /// <summary><c>GET /api/v1/athlete/{id}/hr-curves.json?type=&amp;curves=</c>.</summary>
    public static IntervalsEndpoint ListHrCurves { get; } = new()
    {
        OperationId = "listAthleteHRCurves",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{id}/hr-curves{ext}",
        FixedPathValues = JsonExt,
        QueryParameters = ["type", "curves", "newest"],
        WaivedRequiredQueryParameters = CurveWaivers,
        IsIdempotent = true,
        ResponseBody = typeof(HrCurveSetDto),
    };

    /// <summary><c>GET /api/v1/athlete/{id}/pace-curves.json?type=&amp;curves=&amp;gap=</c>.</summary>
    public static IntervalsEndpoint ListPaceCurves { get; } = new()
    {
        OperationId = "listAthletePaceCurves",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{id}/pace-curves{ext}",
        FixedPathValues = JsonExt,
        QueryParameters = ["type", "curves", "newest", "gap"],
        WaivedRequiredQueryParameters = CurveWaivers,
        IsIdempotent = true,
        ResponseBody = typeof(PaceCurveSetDto),
    };

    /// <summary><c>GET /api/v1/athlete/{id}/wellness?oldest=&amp;newest=</c>.</summary>
    public static IntervalsEndpoint ListWellness { get; } = new()
    {
        OperationId = "listWellnessRecords",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{id}/wellness{ext}",
        FixedPathValues = BareExt,
        QueryParameters = ["oldest", "newest", "fields"],
        IsIdempotent = true,
        ResponseBody = typeof(WellnessDto),
        ResponseIsArray = true,
    };

    /// <summary><c>GET /api/v1/athlete/{id}/wellness/{date}</c>.</summary>
    public static IntervalsEndpoint GetWellness { get; } = new()
    {
        OperationId = "getRecord",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{id}/wellness/{date}",
        IsIdempotent = true,
        ResponseBody = typeof(WellnessDto),
    };

    /// <summary><c>PUT /api/v1/athlete/{id}/wellness/{date}</c>: only the fields sent change.</summary>
    public static IntervalsEndpoint UpdateWellness { get; } = new()
    {
        OperationId = "updateWellness",
        Method = HttpMethod.Put,
        PathTemplate = "/api/v1/athlete/{id}/wellness/{date}",
        IsIdempotent = true,
        RequestBody = typeof(WellnessDto),
        ResponseBody = typeof(WellnessDto),
    };

    /// <summary><c>GET /api/v1/athlete/{id}/events?oldest=&amp;newest=&amp;category=</c>.</summary>
    public static IntervalsEndpoint ListEvents { get; } = new()
    {
        OperationId = "listEvents",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{id}/events{format}",
        FixedPathValues = new Dictionary<string, string> { ["format"] = "" },
        QueryParameters = ["oldest", "newest", "category", "limit", "resolve"],
        IsIdempotent = true,
        ResponseBody = typeof(EventDto),
        ResponseIsArray = true,
    };

    /// <summary><c>GET /api/v1/athlete/{id}/events/{eventId}</c>.</summary>
    public static IntervalsEndpoint GetEvent { get; } = new()
    {
        OperationId = "showEvent",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{id}/events/{eventId}",
        IsIdempotent = true,
        ResponseBody = typeof(EventDto),
    };

    /// <summary><c>POST /api/v1/athlete/{id}/events?upsertOnUid=false</c>: a plain create, never retried after it may have run.</summary>
    public static IntervalsEndpoint CreateEvent { get; } = new()
    {
        OperationId = "createEvent",
        Method = HttpMethod.Post,
        PathTemplate = "/api/v1/athlete/{id}/events",
        QueryParameters = ["upsertOnUid"],
        AlwaysSentQueryParameters = ["upsertOnUid"],
        IsIdempotent = false,
        RequestBody = typeof(EventDto),
        ResponseBody = typeof(EventDto),
    };

    /// <summary><c>PUT /api/v1/athlete/{id}/events/{eventId}</c>.</summary>
    public static IntervalsEndpoint UpdateEvent { get; } = new()
    {
        OperationId = "updateEvent",
        Method = HttpMethod.Put,
        PathTemplate = "/api/v1/athlete/{id}/events/{eventId}",
        IsIdempotent = true,
        RequestBody = typeof(EventDto),
        ResponseBody = typeof(EventDto),
    };

    /// <summary><c>DELETE /api/v1/athlete/{id}/events/{eventId}</c>.</summary>
    public static IntervalsEndpoint DeleteEvent { get; } = new()
    {
        OperationId = "deleteEvent",
        Method = HttpMethod.Delete,
        PathTemplate = "/api/v1/athlete/{id}/events/{eventId}",
        IsIdempotent = true,
    };

    /// <summary>
    /// <c>POST /api/v1/athlete/{id}/events/bulk?upsert=true</c>: creates or updates by <c>external_id</c>, so it is
    /// idempotent and safe to retry (the client refuses events without an external id).
    /// </summary>
    public static IntervalsEndpoint UpsertEvents { get; } = new()
    {
        OperationId = "createMultipleEvents",
        Method = HttpMethod.Post,
        PathTemplate = "/api/v1/athlete/{id}/events/bulk",
        QueryParameters = ["upsert", "upsertOnUid", "updatePlanApplied"],
        AlwaysSentQueryParameters = ["upsert", "upsertOnUid", "updatePlanApplied"],
        IsIdempotent = true,
        RequestBody = typeof(EventDto),
        RequestIsArray = true,
        ResponseBody = typeof(EventDto),
        ResponseIsArray = true,
    };

    /// <summary><c>PUT /api/v1/athlete/{id}/events/bulk-delete</c> (a PUT, by id or external id).</summary>
    public static IntervalsEndpoint DeleteEvents { get; } = new()
    {
        OperationId = "deleteEventsBulk",
        Method = HttpMethod.Put,
        PathTemplate = "/api/v1/athlete/{id}/events/bulk-delete",
        IsIdempotent = true,
        RequestBody = typeof(DoomedEventDto),
        RequestIsArray = true,
        ResponseBody = typeof(DeleteEventsResponseDto),
    };

    /// <summary><c>GET /api/v1/athlete/{id}/folders</c>: folders and plans with their workouts.</summary>
    public static IntervalsEndpoint ListFolders { get; } = new()
    {
        OperationId = "listFolders",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{id}/folders",
        IsIdempotent = true,
        ResponseBody = typeof(FolderDto),
        ResponseIsArray = true,
    };

    /// <summary><c>POST /api/v1/athlete/{id}/folders</c>.</summary>
    public static IntervalsEndpoint CreateFolder { get; } = new()
    {
        OperationId = "createFolder",
        Method = HttpMethod.Post,
        PathTemplate = "/api/v1/athlete/{id}/folders",
        IsIdempotent = false,
        RequestBody = typeof(FolderDto),
        ResponseBody = typeof(FolderDto),
    };

    /// <summary><c>GET /api/v1/athlete/{id}/workouts</c>: every library workout (there is no per-folder GET).</summary>
    public static IntervalsEndpoint ListWorkouts { get; } = new()
    {
        OperationId = "listWorkouts",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{id}/workouts",
        IsIdempotent = true,
        ResponseBody = typeof(WorkoutDto),
        ResponseIsArray = true,
    };

    /// <summary><c>GET /api/v1/athlete/{id}/workouts/{workoutId}</c>.</summary>
    public static IntervalsEndpoint GetWorkout { get; } = new()
    {
        OperationId = "showWorkout",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{id}/workouts/{workoutId}",
        IsIdempotent = true,
        ResponseBody = typeof(WorkoutDto),
    };

    /// <summary><c>POST /api/v1/athlete/{id}/workouts</c> (needs <c>folder_id</c>).</summary>
    public static IntervalsEndpoint CreateWorkout { get; } = new()
    {
        OperationId = "createWorkout",
        Method = HttpMethod.Post,
        PathTemplate = "/api/v1/athlete/{id}/workouts",
        IsIdempotent = false,
        RequestBody = typeof(WorkoutDto),
        ResponseBody = typeof(WorkoutDto),
    };

    /// <summary><c>GET /api/v1/athlete/{id}/gear</c>.</summary>
    public static IntervalsEndpoint ListGear { get; } = new()
    {
        OperationId = "listGear",
        Method = HttpMethod.Get,
        PathTemplate = "/api/v1/athlete/{id}/gear{ext}",
        FixedPathValues = BareExt,
        IsIdempotent = true,
        ResponseBody = typeof(GearDto),
        ResponseIsArray = true,
    };

    /// <summary><c>POST /api/v1/athlete/{id}/gear</c>.</summary>
    public static IntervalsEndpoint CreateGear { get; } = new()
    {
        OperationId = "createGear",
        Method = HttpMethod.Post,
        PathTemplate = "/api/v1/athlete/{id}/gear",
        IsIdempotent = false,
        RequestBody = typeof(GearDto),
        ResponseBody = typeof(GearDto),
    };

    /// <summary><c>PUT /api/v1/athlete/{id}/gear/{gearId}</c>.</summary>
    public static IntervalsEndpoint UpdateGear { get; } = new()
    {
        OperationId = "updateGear",
        Method = HttpMethod.Put,
        PathTemplate = "/api/v1/athlete/{id}/gear/{gearId}",
        IsIdempotent = true,
        RequestBody = typeof(GearDto),
        ResponseBody = typeof(GearDto),
    };

    /// <summary><c>POST /api/v1/athlete/{id}/gear/{gearId}/reminder</c>: returns the gear with its reminders.</summary>
    public static IntervalsEndpoint CreateGearReminder { get; } = new()
    {
        OperationId = "createReminder",
        Method = HttpMethod.Post,
        PathTemplate = "/api/v1/athlete/{id}/gear/{gearId}/reminder",
        IsIdempotent = false,
        RequestBody = typeof(GearReminderDto),
        ResponseBody = typeof(GearDto),
    };

    /// <summary><c>PUT /api/v1/athlete/{id}/gear/{gearId}/reminder/{reminderId}?reset=&amp;snoozeDays=</c>.</summary>
    public static IntervalsEndpoint UpdateGearReminder { get; } = new()
    {
        OperationId = "updateReminder",
        Method = HttpMethod.Put,
        PathTemplate = "/api/v1/athlete/{id}/gear/{gearId}/reminder/{reminderId}",
        QueryParameters = ["reset", "snoozeDays"],
        AlwaysSentQueryParameters = ["reset", "snoozeDays"],
        IsIdempotent = true,
        RequestBody = typeof(GearReminderDto),
        ResponseBody = typeof(GearDto),
    };

    /// <summary><c>DELETE /api/v1/athlete/{id}/gear/{gearId}/reminder/{reminderId}</c>: returns the gear.</summary>
    public static IntervalsEndpoint DeleteGearReminder { get; } = new()
    {
        OperationId = "deleteReminder",
        Method = HttpMethod.Delete,
        PathTemplate = "/api/v1/athlete/{id}/gear/{gearId}/reminder/{reminderId}",
        IsIdempotent = true,
        ResponseBody = typeof(GearDto),
    };

    /// <summary><c>DELETE /api/v1/disconnect-app</c>: revokes the calling OAuth token.</summary>
    public static IntervalsEndpoint DisconnectApp { get; } = new()
    {
        OperationId = "disconnectApp",
        Method = HttpMethod.Delete,
        PathTemplate = "/api/v1/disconnect-app",
        IsIdempotent = true,
    };

    /// <summary>
    /// <c>POST /api/oauth/token</c> (form body <c>client_id</c>, <c>client_secret</c>, <c>code</c>): the OAuth code
    /// exchange. Documented in the Intervals.icu OAuth guide, not in the OpenAPI document. Codes are single-use.
    /// </summary>
    public static IntervalsEndpoint OAuthToken { get; } = new()
    {
        OperationId = "oauthToken",
        Method = HttpMethod.Post,
        PathTemplate = "/api/oauth/token",
        IsIdempotent = false,
        InOpenApi = false,
    };

    /// <summary>Every endpoint above, in declaration order.</summary>
    public static IReadOnlyList<IntervalsEndpoint> All { get; } =
    [
        GetAthlete, ListAthletes, ListSportSettings, GetSportSettings, UpdateSportSettings, ApplySportSettings,
        ListActivities, GetActivity, GetActivityIntervals, GetActivityStreams, GetBestEfforts, GetActivityPowerCurve,
        ListPowerCurves, ListHrCurves, ListPaceCurves,
        ListWellness, GetWellness, UpdateWellness,
        ListEvents, GetEvent, CreateEvent, UpdateEvent, DeleteEvent, UpsertEvents, DeleteEvents,
        ListFolders, CreateFolder, ListWorkouts, GetWorkout, CreateWorkout,
        ListGear, CreateGear, UpdateGear, CreateGearReminder, UpdateGearReminder, DeleteGearReminder,
        DisconnectApp, OAuthToken,
    ];
}
