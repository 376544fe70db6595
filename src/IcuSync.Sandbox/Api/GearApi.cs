using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IcuSync.Sandbox.Api;

/// <summary>Gear and service reminders. Bearer tokens need SETTINGS scopes here.</summary>
internal static class GearApi
{
    public static void Map(ApiMap map, SandboxStore store)
    {
        map.GetWithExt("/athlete/{id}/gear", context =>
        {
            if (AthleteApi.RejectCsv(context) is { } csv)
            {
                return csv;
            }

            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Settings, false, out var athleteId) is { } denied)
            {
                return denied;
            }

            var now = store.TimeProvider.GetUtcNow();
            return ApiResults.Json(new JsonArray([.. store.GetGear(athleteId).Select(g => (JsonNode)Wire.Gear(g, now))]));
        });

        map.Post("/athlete/{id}/gear", async context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Settings, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            var gear = store.CreateGear(athleteId, await AthleteApi.BodyObjectAsync(context));
            return ApiResults.Json(Wire.Gear(gear, store.TimeProvider.GetUtcNow()));
        });

        map.Put("/athlete/{id}/gear/{gearId}", async context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Settings, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            return Result(context, store, store.UpdateGear(athleteId, AthleteApi.Route(context, "gearId"), await AthleteApi.BodyObjectAsync(context)));
        });

        map.Delete("/athlete/{id}/gear/{gearId}", context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Settings, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            return store.DeleteGear(athleteId, AthleteApi.Route(context, "gearId"))
                ? ApiResults.Empty()
                : ApiResults.NotFound($"Gear {AthleteApi.Route(context, "gearId")} not found");
        });

        map.Post("/athlete/{id}/gear/{gearId}/reminder", async context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Settings, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            return Result(context, store, store.CreateReminder(athleteId, AthleteApi.Route(context, "gearId"), await AthleteApi.BodyObjectAsync(context)));
        });

        map.Put("/athlete/{id}/gear/{gearId}/reminder/{reminderId}", async context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Settings, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            var reset = Query.RequiredBool(context, "reset");
            var snooze = Query.Int(context, "snoozeDays") ?? throw new Json.WireFormatException(
                "Required request parameter 'snoozeDays' for method parameter type int is not present", 422);
            var body = context.Request.ContentLength is 0 ? new JsonObject() : await AthleteApi.BodyObjectAsync(context);
            return Result(context, store, store.UpdateReminder(athleteId, AthleteApi.Route(context, "gearId"), ReminderId(context), body, reset, snooze));
        });

        map.Delete("/athlete/{id}/gear/{gearId}/reminder/{reminderId}", context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Settings, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            return Result(context, store, store.DeleteReminder(athleteId, AthleteApi.Route(context, "gearId"), ReminderId(context)));
        });
    }

    private static IResult Result(HttpContext context, SandboxStore store, SandboxGear? gear) => gear is null
        ? ApiResults.NotFound($"Gear {AthleteApi.Route(context, "gearId")} (or its reminder) not found")
        : ApiResults.Json(Wire.Gear(gear, store.TimeProvider.GetUtcNow()));

    private static int ReminderId(HttpContext context) =>
        int.TryParse(AthleteApi.Route(context, "reminderId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : -1;
}
