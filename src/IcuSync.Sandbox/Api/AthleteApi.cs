using System.Text.Json.Nodes;
using IcuSync.Sandbox.Json;
using Microsoft.AspNetCore.Http;

namespace IcuSync.Sandbox.Api;

/// <summary>Athlete profile, the coach's athlete list and sport settings.</summary>
internal static class AthleteApi
{
    public static void Map(ApiMap map, SandboxStore store)
    {
        map.Get("/athlete/{id}", context =>
        {
            if (Access.Athlete(context, store, Route(context, "id"), Area.None, false, out var athleteId) is { } denied)
            {
                return denied;
            }

            var caller = Access.Caller(context);
            var ownKey = !caller.IsBearer && caller.AthleteId == athleteId ? store.ApiKeyOf(athleteId) : null;
            return ApiResults.Json(Wire.Athlete(store.FindAthlete(athleteId)!, store.GetSportSettings(athleteId), ownKey));
        });

        map.Get("/athlete/{id}/profile", context =>
        {
            if (Access.Athlete(context, store, Route(context, "id"), Area.None, false, out var athleteId) is { } denied)
            {
                return denied;
            }

            var a = store.FindAthlete(athleteId)!;
            return ApiResults.Json(new JsonObject
            {
                ["athlete"] = new JsonObject
                {
                    ["id"] = a.Id,
                    ["name"] = a.Name,
                    ["profile_medium"] = a.ProfileMedium,
                    ["city"] = a.City,
                    ["state"] = a.State,
                    ["country"] = a.Country,
                    ["timezone"] = a.Timezone,
                    ["sex"] = a.Sex,
                    ["bio"] = a.Bio,
                    ["website"] = a.Website,
                    ["email"] = a.Email,
                    ["countries"] = null,
                    ["languages"] = null,
                    ["icu_coach"] = a.IcuCoach,
                },
                ["sharedFolders"] = new JsonArray(),
                ["customItems"] = new JsonArray(),
            });
        });

        map.Get("/athletes", context =>
        {
            var caller = Access.Caller(context);
            if (caller.IsBearer)
            {
                // The spec: "This endpoint cannot be called with a bearer token, an API_KEY is required".
                return ApiResults.AccessDenied();
            }

            var list = new JsonArray();
            if (store.FindAthlete(caller.AthleteId) is { } self)
            {
                list.Add(Wire.AthleteWithTags(self, null));
            }

            foreach (var grant in store.Coaching.Where(c => c.CoachId == caller.AthleteId))
            {
                if (store.FindAthlete(grant.AthleteId) is { } athlete)
                {
                    list.Add(Wire.AthleteWithTags(athlete, grant.Permission.ToUpperInvariant()));
                }
            }

            return ApiResults.Json(list);
        });

        map.Get("/athlete/{athleteId}/sport-settings", context =>
        {
            if (Access.Athlete(context, store, Route(context, "athleteId"), Area.Settings, false, out var athleteId) is { } denied)
            {
                return denied;
            }

            return ApiResults.Json(new JsonArray([.. store.GetSportSettings(athleteId).Select(Wire.SportSettings)]));
        });

        map.Get("/athlete/{athleteId}/sport-settings/{id}", context =>
        {
            if (Access.Athlete(context, store, Route(context, "athleteId"), Area.Settings, false, out var athleteId) is { } denied)
            {
                return denied;
            }

            var idOrType = Route(context, "id");
            return store.FindSportSettings(athleteId, idOrType) is { } s
                ? ApiResults.Json(Wire.SportSettings(s))
                : ApiResults.NotFound($"Sport settings '{idOrType}' not found: use a sport-settings id or an activity type such as Ride or Run");
        });

        map.Put("/athlete/{athleteId}/sport-settings/{id}", async context =>
        {
            if (Access.Athlete(context, store, Route(context, "athleteId"), Area.Settings, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            // The spec marks recalcHrZones required, but the server is reported to default it; be lenient.
            var recalc = Query.Bool(context, "recalcHrZones");
            var body = await BodyObjectAsync(context);
            var idOrType = Route(context, "id");
            return store.UpdateSportSettings(athleteId, idOrType, body, recalc) is { } updated
                ? ApiResults.Json(Wire.SportSettings(updated))
                : ApiResults.NotFound($"Sport settings '{idOrType}' not found");
        });

        map.Put("/athlete/{athleteId}/sport-settings/{id}/apply", context =>
        {
            if (Access.Athlete(context, store, Route(context, "athleteId"), Area.Settings, true, out var athleteId) is { } denied)
            {
                return Task.FromResult(denied);
            }

            var idOrType = Route(context, "id");
            if (store.FindSportSettings(athleteId, idOrType) is not { } settings)
            {
                return Task.FromResult(ApiResults.NotFound($"Sport settings '{idOrType}' not found"));
            }

            // The real server applies asynchronously; the sandbox finishes before answering so tests see the result.
            store.ApplySportSettings(athleteId, settings);
            return Task.FromResult(ApiResults.Json(new JsonObject()));
        });
    }

    public static string Route(HttpContext context, string name) => context.Request.RouteValues[name]?.ToString() ?? string.Empty;

    public static async Task<JsonObject> BodyObjectAsync(HttpContext context) =>
        await SandboxJson.ReadBodyAsync(context.Request.Body, context.RequestAborted) as JsonObject
        ?? throw new WireFormatException("The request body must be a JSON object.");

    public static async Task<JsonArray> BodyArrayAsync(HttpContext context) =>
        await SandboxJson.ReadBodyAsync(context.Request.Body, context.RequestAborted) as JsonArray
        ?? throw new WireFormatException("The request body must be a JSON array.");

    /// <summary>True for a <c>.csv</c> suffix, which the sandbox does not emulate (except for streams).</summary>
    public static IResult? RejectCsv(HttpContext context) =>
        string.Equals(context.Request.RouteValues["ext"]?.ToString(), "csv", StringComparison.OrdinalIgnoreCase)
            ? ApiResults.Error(422, "CSV output is not emulated by the sandbox: use the path without a suffix or with .json")
            : null;
}
