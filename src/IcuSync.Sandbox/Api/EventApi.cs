using System.Globalization;
using System.Text.Json.Nodes;
using IcuSync.Sandbox.Data;
using Microsoft.AspNetCore.Http;

namespace IcuSync.Sandbox.Api;

/// <summary>Calendar events: list, get, create, update, delete, bulk upsert and bulk delete.</summary>
internal static class EventApi
{
    private static readonly double LambdaCtl = 1 - Math.Exp(-1 / SandboxDemo.CtlDays);
    private static readonly double LambdaAtl = 1 - Math.Exp(-1 / SandboxDemo.AtlDays);

    public static void Map(ApiMap map, SandboxStore store)
    {
        map.GetWithExt("/athlete/{id}/events", context =>
        {
            if (AthleteApi.RejectCsv(context) is { } csv)
            {
                return csv;
            }

            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, false, out var athleteId) is { } denied)
            {
                return denied;
            }

            var oldest = Query.Date(context, "oldest") ?? store.Today(athleteId);
            var newest = Query.Date(context, "newest") ?? oldest.AddDays(6);
            var categories = Query.List(context, "category");
            if (categories.Contains("NOTES"))
            {
                categories.Add("NOTE");
            }

            var calendar = Query.Int(context, "calendar_id");
            IEnumerable<SandboxEvent> events = store.GetEvents(athleteId, oldest, newest)
                .Where(e => categories.Count == 0 || categories.Contains(e.Category ?? string.Empty))
                .Where(e => calendar is null || e.CalendarId == calendar);
            if (Query.Int(context, "limit") is { } limit)
            {
                events = events.Take(Math.Max(0, limit));
            }

            var list = events.ToList();
            var resolve = Query.Bool(context, "resolve");
            var fitness = Projection(store, athleteId, list);
            return ApiResults.Json(new JsonArray([.. list.Select(e => (JsonNode)Render(store, athleteId, e, resolve, fitness))]));
        });

        map.Get("/athlete/{id}/events/{eventId}", context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, false, out var athleteId) is { } denied)
            {
                return denied;
            }

            if (Find(context, store, athleteId) is not { } e)
            {
                return NotFound(context);
            }

            return ApiResults.Json(Render(store, athleteId, e, Query.Bool(context, "resolve"), Projection(store, athleteId, [e])));
        });

        map.Post("/athlete/{id}/events", async context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            var body = await AthleteApi.BodyObjectAsync(context);
            var caller = Access.Caller(context);
            SandboxEvent saved;
            if (Query.Bool(context, "upsertOnUid") && body["uid"] is JsonValue uid && uid.TryGetValue<string>(out var uidText)
                && store.GetEvents(athleteId, DateOnly.MinValue, DateOnly.MaxValue.AddDays(-1)).FirstOrDefault(e => e.Uid == uidText) is { } existing)
            {
                saved = store.UpdateEvent(athleteId, existing.Id, body)!;
            }
            else
            {
                saved = store.CreateEvent(athleteId, body, caller.OAuthClientId, caller.AthleteId, store.NewBatch());
            }

            return ApiResults.Json(Render(store, athleteId, saved, false, Projection(store, athleteId, [saved])));
        });

        map.Put("/athlete/{id}/events/{eventId}", async context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            if (Find(context, store, athleteId) is not { } e)
            {
                return NotFound(context);
            }

            var updated = store.UpdateEvent(athleteId, e.Id, await AthleteApi.BodyObjectAsync(context))!;
            return ApiResults.Json(Render(store, athleteId, updated, false, Projection(store, athleteId, [updated])));
        });

        map.Delete("/athlete/{id}/events/{eventId}", context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            if (Find(context, store, athleteId) is not { } e)
            {
                return NotFound(context);
            }

            store.DeleteEvent(athleteId, e.Id, Query.Bool(context, "others"), Query.Date(context, "notBefore"));
            return ApiResults.Json(new JsonObject());
        });

        map.Post("/athlete/{id}/events/bulk", async context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            var items = await AthleteApi.BodyArrayAsync(context);
            var caller = Access.Caller(context);
            var saved = store.BulkCreateEvents(
                athleteId, items, Query.Bool(context, "upsert"), Query.Bool(context, "upsertOnUid"), Query.Bool(context, "updatePlanApplied"),
                caller.OAuthClientId, caller.AthleteId);
            var fitness = Projection(store, athleteId, saved);
            return ApiResults.Json(new JsonArray([.. saved.Select(e => (JsonNode)Render(store, athleteId, e, false, fitness))]));
        });

        map.Put("/athlete/{id}/events/bulk-delete", async context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            var items = await AthleteApi.BodyArrayAsync(context);
            var deleted = store.BulkDeleteEvents(athleteId, items, Access.Caller(context).OAuthClientId);
            return ApiResults.Json(new JsonObject { ["eventsDeleted"] = deleted });
        });

        map.Delete("/athlete/{id}/events", context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            var oldest = Query.Date(context, "oldest") ?? throw new Json.WireFormatException(
                "Required request parameter 'oldest' for method parameter type String is not present", 422);
            Query.Required(context, "category", "List");
            store.DeleteEventRange(athleteId, oldest, Query.Date(context, "newest"), Query.List(context, "category"), Query.Text(context, "createdById"));
            return ApiResults.Empty();
        });
    }

    private static SandboxEvent? Find(HttpContext context, SandboxStore store, string athleteId) =>
        int.TryParse(AthleteApi.Route(context, "eventId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? store.FindEvent(athleteId, id) : null;

    private static IResult NotFound(HttpContext context) => ApiResults.NotFound($"Event {AthleteApi.Route(context, "eventId")} not found");

    private static JsonObject Render(SandboxStore store, string athleteId, SandboxEvent e, bool resolve, IReadOnlyDictionary<DateOnly, (double, double)> fitness)
    {
        var shown = e;
        if (resolve && string.Equals(e.Category, "WORKOUT", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(e.Description))
        {
            var settings = store.FindSportSettings(athleteId, e.Type ?? "Ride");
            shown = e with { WorkoutDoc = EventWorkouts.Analyze(e.Description, e.Type, settings, e.MovingTime, resolve: true).Doc };
        }

        return Wire.Event(shown, fitness.TryGetValue(DateOnly.FromDateTime(e.StartDateLocal), out var f) ? f : null);
    }

    /// <summary>CTL/ATL after each event's day: wellness values up to today, projected with planned loads after.</summary>
    private static Dictionary<DateOnly, (double, double)> Projection(SandboxStore store, string athleteId, IReadOnlyList<SandboxEvent> events)
    {
        var result = new Dictionary<DateOnly, (double, double)>();
        if (events.Count == 0)
        {
            return result;
        }

        var today = store.Today(athleteId);
        var last = events.Max(e => DateOnly.FromDateTime(e.StartDateLocal));
        foreach (var day in events.Select(e => DateOnly.FromDateTime(e.StartDateLocal)).Where(d => d < today).Distinct())
        {
            if (store.FindWellness(athleteId, day) is { Ctl: { } c, Atl: { } a })
            {
                result[day] = (c, a);
            }
        }

        if (last < today)
        {
            return result;
        }

        var start = store.GetWellness(athleteId, today.AddDays(-30), today.AddDays(-1)).LastOrDefault();
        if (start is not { Ctl: { } ctl, Atl: { } atl })
        {
            return result;
        }

        var planned = store.GetEvents(athleteId, today, last)
            .Where(e => e.Category == "WORKOUT" && e.PairedActivityId is null && e.NotOnFitnessChart != true)
            .GroupBy(e => DateOnly.FromDateTime(e.StartDateLocal))
            .ToDictionary(g => g.Key, g => g.Sum(e => e.IcuTrainingLoad ?? 0));
        for (var day = start.Id.AddDays(1); day <= last; day = day.AddDays(1))
        {
            var load = planned.GetValueOrDefault(day) + (day == today ? store.DailyLoad(athleteId, day) : 0);
            ctl += (load - ctl) * LambdaCtl;
            atl += (load - atl) * LambdaAtl;
            if (day >= today)
            {
                result[day] = (ctl, atl);
            }
        }

        return result;
    }
}
