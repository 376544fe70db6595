using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IcuSync.Sandbox.Analysis;
using IcuSync.Sandbox.Json;
using Microsoft.AspNetCore.Http;

namespace IcuSync.Sandbox.Api;

/// <summary>Activities: list, detail, intervals, streams and best efforts.</summary>
internal static class ActivityApi
{
    public const string StravaError = "Cannot read Strava activities via the API";

    private static readonly string[] DefaultStreams = ["time", "watts", "heartrate", "cadence", "velocity_smooth", "distance", "altitude", "latlng"];

    public static void Map(ApiMap map, SandboxStore store)
    {
        map.Get("/athlete/{id}/activities", context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Activity, false, out var athleteId) is { } denied)
            {
                return denied;
            }

            var oldestText = Query.Required(context, "oldest");
            var oldest = Query.ParseLocal(oldestText) ?? throw new WireFormatException(
                $"Invalid value '{oldestText}' for 'oldest': use a local ISO-8601 date like 2026-05-01 or a date-time like 2026-05-01T07:30:00.", 422);
            var newest = Query.LocalDateTime(context, "newest");
            var to = newest is { } n ? (n.DateOnly ? n.Value.Date.AddDays(1).AddTicks(-1) : n.Value) : DateTime.MaxValue;
            IEnumerable<SandboxActivity> list = store.GetActivities(athleteId, oldest.Value, to);
            if (Query.Text(context, "route_id") is not null)
            {
                list = [];
            }

            if (Query.Int(context, "limit") is { } limit)
            {
                list = list.Take(Math.Max(0, limit));
            }

            var fields = Query.List(context, "fields");
            var array = new JsonArray();
            foreach (var a in list)
            {
                var node = Wire.Activity(a);
                array.Add(fields.Count > 0 ? SandboxJson.Project(node, fields) : node);
            }

            return ApiResults.Json(array);
        });

        map.Get("/athlete/{athleteId}/activities/{ids}", context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "athleteId"), Area.Activity, false, out var athleteId) is { } denied)
            {
                return denied;
            }

            var withIntervals = Query.Bool(context, "intervals");
            var array = new JsonArray();
            foreach (var id in AthleteApi.Route(context, "ids").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (store.FindActivity(id) is { } a && a.AthleteId == athleteId)
                {
                    array.Add(Wire.Activity(a, withIntervals && !a.IsStravaStub ? store.GetIntervals(a.Id) : null));
                }
            }

            return ApiResults.Json(array);
        });

        map.Get("/activity/{id}", context =>
        {
            if (Access.Activity(context, store, AthleteApi.Route(context, "id"), false, out var activity) is { } denied)
            {
                return denied;
            }

            var withIntervals = Query.Bool(context, "intervals");
            return ApiResults.Json(Wire.Activity(activity, withIntervals && !activity.IsStravaStub ? store.GetIntervals(activity.Id) : null));
        });

        map.Get("/activity/{id}/intervals", context =>
        {
            if (Readable(context, store, out var activity) is { } denied)
            {
                return denied;
            }

            var intervals = store.GetIntervals(activity.Id);
            return ApiResults.Json(new JsonObject
            {
                ["id"] = activity.Id,
                ["analyzed"] = activity.Analyzed is { } at ? JsonValue.Create(at) : null,
                ["icu_intervals"] = new JsonArray([.. intervals.Intervals.Select(Wire.Interval)]),
                ["icu_groups"] = new JsonArray([.. intervals.Groups.Select(Wire.Group)]),
            });
        });

        map.Get("/activity/{id}/streams", context => Streams(context, store));
        map.Get("/activity/{id}/streams.{ext}", context => Streams(context, store));

        map.Get("/activity/{id}/best-efforts", context =>
        {
            if (Readable(context, store, out var activity) is { } denied)
            {
                return denied;
            }

            var streamName = Query.Required(context, "stream");
            var duration = Query.Int(context, "duration");
            var distance = Query.Double(context, "distance");
            if (duration is null && distance is null)
            {
                return ApiResults.Error(422, "One of duration or distance is required");
            }

            var streams = new StreamSet(store.GetStreams(activity.Id));
            var data = streamName == "watts" ? streams.Watts : streams[streamName];
            if (data is null)
            {
                return ApiResults.Error(422, $"Activity {activity.Id} has no '{streamName}' stream");
            }

            var excluded = Query.Bool(context, "excludeIntervals")
                ? store.GetIntervals(activity.Id).Intervals.Where(i => i.Type == "WORK").Select(i => (i.StartIndex, i.EndIndex)).ToList()
                : [];
            var efforts = Curves.BestEfforts(
                streams, data, duration, distance, Query.Int(context, "count") ?? 8, Query.Double(context, "minValue"), excluded,
                Query.Int(context, "startIndex") ?? 0, Query.Int(context, "endIndex") ?? 0);
            return ApiResults.Json(new JsonObject
            {
                ["efforts"] = new JsonArray([.. efforts.Select(e => (JsonNode)new JsonObject
                {
                    ["start_index"] = e.StartIndex,
                    ["end_index"] = e.EndIndex,
                    ["average"] = e.Average,
                    ["duration"] = e.Duration,
                    ["distance"] = e.Distance,
                })]),
            });
        });
    }

    /// <summary>Finds the activity, checks access, and refuses Strava stubs like the real API (422).</summary>
    public static IResult? Readable(HttpContext context, SandboxStore store, out SandboxActivity activity)
    {
        if (Access.Activity(context, store, AthleteApi.Route(context, "id"), false, out activity) is { } denied)
        {
            return denied;
        }

        return activity.IsStravaStub ? ApiResults.Error(422, StravaError) : null;
    }

    private static IResult Streams(HttpContext context, SandboxStore store)
    {
        if (Readable(context, store, out var activity) is { } denied)
        {
            return denied;
        }

        var all = store.GetStreams(activity.Id);
        var requested = Query.List(context, "types");
        var includeDefaults = Query.Bool(context, "includeDefaults");
        var selected = new List<SandboxStream>();
        foreach (var s in all)
        {
            var isWatts = s.Type == "watts";
            if (requested.Count == 0)
            {
                if (DefaultStreams.Contains(s.Type) || s.Custom)
                {
                    selected.Add(s);
                }

                if (isWatts)
                {
                    // Spec: without types, the stored watts stream is (also) returned as raw_watts.
                    selected.Add(s with { Type = "raw_watts" });
                }

                continue;
            }

            if (requested.Contains(s.Type) || (includeDefaults && DefaultStreams.Contains(s.Type)))
            {
                selected.Add(s);
            }

            if (isWatts && requested.Contains("raw_watts"))
            {
                selected.Add(s with { Type = "raw_watts" });
            }

            if (isWatts && requested.Contains("fixed_watts") && !requested.Contains("watts"))
            {
                selected.Add(s with { Type = "fixed_watts" });
            }
        }

        if (string.Equals(context.Request.RouteValues["ext"]?.ToString(), "csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Content(Csv(selected), "text/csv", Encoding.UTF8);
        }

        return Results.Content(JsonSerializer.Serialize(selected, SandboxJson.Context.ListSandboxStream), "application/json", Encoding.UTF8);
    }

    private static string Csv(List<SandboxStream> streams)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', streams.Select(s => s.Type)).Append('\n');
        var length = streams.Count == 0 ? 0 : streams.Max(s => s.Data.Count);
        for (var i = 0; i < length; i++)
        {
            text.AppendJoin(',', streams.Select(s => i < s.Data.Count && s.Data[i] is { } v ? v.ToString(CultureInfo.InvariantCulture) : string.Empty)).Append('\n');
        }

        return text.ToString();
    }
}
