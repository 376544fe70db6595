using System.Globalization;
using System.Text.Json.Nodes;
using IcuSync.Sandbox.Json;
using Microsoft.AspNetCore.Http;

namespace IcuSync.Sandbox.Api;

/// <summary>Wellness records: list, one day, partial updates (single, by body id, bulk).</summary>
internal static class WellnessApi
{
    public static void Map(ApiMap map, SandboxStore store)
    {
        map.GetWithExt("/athlete/{id}/wellness", context =>
        {
            if (AthleteApi.RejectCsv(context) is { } csv)
            {
                return csv;
            }

            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Wellness, false, out var athleteId) is { } denied)
            {
                return denied;
            }

            var newest = Query.Date(context, "newest") ?? store.Today(athleteId);
            var oldest = Query.Date(context, "oldest") ?? newest.AddDays(-6);
            var fields = Query.List(context, "fields");
            var array = new JsonArray();
            foreach (var w in store.GetWellness(athleteId, oldest, newest))
            {
                var node = Wire.Wellness(w);
                array.Add(fields.Count > 0 ? SandboxJson.Project(node, fields) : node);
            }

            return ApiResults.Json(array);
        });

        map.Get("/athlete/{id}/wellness/{date}", context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Wellness, false, out var athleteId) is { } denied)
            {
                return denied;
            }

            var date = ParseDate(AthleteApi.Route(context, "date"));
            return ApiResults.Json(Wire.Wellness(store.FindWellness(athleteId, date) ?? new SandboxWellness { Id = date }));
        });

        map.Put("/athlete/{id}/wellness/{date}", async context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Wellness, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            var date = ParseDate(AthleteApi.Route(context, "date"));
            var body = await AthleteApi.BodyObjectAsync(context);
            return ApiResults.Json(Wire.Wellness(store.PutWellness(athleteId, date, body)));
        });

        map.Put("/athlete/{id}/wellness", async context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Wellness, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            var body = await AthleteApi.BodyObjectAsync(context);
            return ApiResults.Json(Wire.Wellness(store.PutWellness(athleteId, BodyDate(body, "the request body"), body)));
        });

        map.Put("/athlete/{id}/wellness-bulk", async context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Wellness, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            var items = await AthleteApi.BodyArrayAsync(context);
            var records = items.Select((item, index) => item as JsonObject
                ?? throw new WireFormatException($"Item [{index}] of the request body must be a wellness object.")).ToList();
            var dates = records.Select((r, index) => BodyDate(r, $"item [{index}]")).ToList();
            for (var i = 0; i < records.Count; i++)
            {
                store.PutWellness(athleteId, dates[i], records[i]);
            }

            return ApiResults.Empty();
        });
    }

    private static DateOnly BodyDate(JsonObject body, string where) =>
        body["id"] is JsonValue v && v.TryGetValue<string>(out var text)
            ? ParseDate(text)
            : throw new WireFormatException($"id is required in {where}: the local date of the record, e.g. \"2026-05-13\".", 422);

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new WireFormatException($"Invalid date '{text}': use the local ISO-8601 day, e.g. 2026-05-13.", 422);
}
