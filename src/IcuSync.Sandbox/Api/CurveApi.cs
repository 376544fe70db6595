using System.Globalization;
using System.Text.Json.Nodes;
using IcuSync.Sandbox.Analysis;
using IcuSync.Sandbox.Data;
using IcuSync.Sandbox.Json;
using Microsoft.AspNetCore.Http;

namespace IcuSync.Sandbox.Api;

/// <summary>Athlete best curves (power, HR, pace) and single-activity curves.</summary>
internal static class CurveApi
{
    private static readonly HashSet<string> ActivityTypes = new(
        ["Ride", "Run", "Swim", "WeightTraining", "Hike", "Walk", "AlpineSki", "BackcountrySki", "Badminton", "Canoeing", "Crossfit",
         "EBikeRide", "EMountainBikeRide", "Elliptical", "Golf", "GravelRide", "TrackRide", "Handcycle", "HighIntensityIntervalTraining",
         "Hockey", "IceSkate", "InlineSkate", "Kayaking", "Kitesurf", "MountainBikeRide", "Cyclocross", "NordicSki", "OpenWaterSwim",
         "Padel", "Pilates", "Pickleball", "Racquetball", "Rugby", "RockClimbing", "RollerSki", "Rowing", "Sail", "Skateboard",
         "Snowboard", "Snowshoe", "Soccer", "Squash", "StairStepper", "StandUpPaddling", "Surfing", "TableTennis", "Tennis", "TrailRun",
         "Transition", "Velomobile", "VirtualRide", "VirtualRow", "VirtualRun", "VirtualSki", "WaterSport", "Wheelchair", "Windsurf",
         "Workout", "Yoga", "Other"],
        StringComparer.Ordinal);

    private enum Kind
    {
        Power,
        Hr,
        Pace,
    }

    public static void Map(ApiMap map, SandboxStore store)
    {
        map.GetWithExt("/athlete/{id}/power-curves", context => AthleteCurves(context, store, Kind.Power));
        map.GetWithExt("/athlete/{id}/hr-curves", context => AthleteCurves(context, store, Kind.Hr));
        map.GetWithExt("/athlete/{id}/pace-curves", context => AthleteCurves(context, store, Kind.Pace));
        map.GetWithExt("/activity/{id}/power-curve", context => ActivityCurve(context, store, Kind.Power));
        map.GetWithExt("/activity/{id}/hr-curve", context => ActivityCurve(context, store, Kind.Hr));
        map.GetWithExt("/activity/{id}/pace-curve", context => ActivityCurve(context, store, Kind.Pace));
    }

    private static IResult AthleteCurves(HttpContext context, SandboxStore store, Kind kind)
    {
        if (AthleteApi.RejectCsv(context) is { } csv)
        {
            return csv;
        }

        if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Activity, false, out var athleteId) is { } denied)
        {
            return denied;
        }

        var type = kind == Kind.Power
            ? Query.Required(context, "type", "ActivityType")
            : Query.Text(context, "type") ?? (kind == Kind.Pace ? "Run" : null);
        if (type is not null && !ActivityTypes.Contains(type))
        {
            return ApiResults.Error(422, $"Invalid value '{type}' for 'type': use an Intervals.icu activity type such as Ride, Run or Swim");
        }

        var types = type is null ? null : (store.FindSportSettings(athleteId, type)?.Types ?? [type]).ToHashSet(StringComparer.Ordinal);
        var today = Query.Date(context, "newest") ?? store.Today(athleteId);
        var specs = (Query.Text(context, "curves") ?? "1y").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var athlete = store.FindAthlete(athleteId)!;
        var swim = type is "Swim" or "OpenWaterSwim";
        var curveKind = kind switch
        {
            Kind.Power => "watts",
            Kind.Hr => "heartrate",
            _ => swim ? "swim-pace" : "pace",
        };

        var list = new JsonArray();
        var used = new Dictionary<string, SandboxActivity>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var (from, to, label) = Window(spec, today);
            var activities = store.GetActivities(athleteId, from, to)
                .Where(a => !a.IsStravaStub && (types is null || (a.Type is not null && types.Contains(a.Type))))
                .ToList();
            var best = new SortedDictionary<double, (Curves.Point Point, SandboxActivity Activity)>();
            foreach (var a in activities)
            {
                if (store.GetCurve(a.Id, curveKind) is not { } curve)
                {
                    continue;
                }

                foreach (var (x, point) in curve)
                {
                    var better = !best.TryGetValue(x, out var current)
                        || (kind == Kind.Pace ? point.Value < current.Point.Value : point.Value > current.Point.Value);
                    if (better)
                    {
                        best[x] = (point, a);
                    }
                }
            }

            foreach (var (_, (_, a)) in best)
            {
                used[a.Id] = a;
            }

            list.Add(CurveObject(spec, label, from, to, activities, athlete, best, kind));
        }

        var map = new JsonObject();
        foreach (var (id, a) in used.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            map[id] = Summary(a);
        }

        return ApiResults.Json(new JsonObject { ["list"] = list, ["activities"] = map });
    }

    private static JsonObject CurveObject(
        string spec, string label, DateOnly from, DateOnly to, List<SandboxActivity> activities, SandboxAthlete athlete,
        SortedDictionary<double, (Curves.Point Point, SandboxActivity Activity)> best, Kind kind)
    {
        var values = new JsonArray([.. best.Values.Select(b => (JsonNode)JsonValue.Create((int)Math.Round(b.Point.Value)))]);
        var node = new JsonObject
        {
            ["id"] = spec,
            ["label"] = label,
            ["filters"] = new JsonArray(),
            ["filter_label"] = null,
            ["percentile"] = null,
            ["start_date_local"] = JsonValue.Create(from.ToDateTime(TimeOnly.MinValue)),
            ["end_date_local"] = JsonValue.Create(to.AddDays(1).ToDateTime(TimeOnly.MinValue)),
            ["days"] = to.DayNumber - from.DayNumber + 1,
            ["moving_time"] = activities.Sum(a => a.MovingTime ?? 0),
            ["training_load"] = activities.Sum(a => a.IcuTrainingLoad ?? 0),
            ["weight"] = athlete.IcuWeight,
        };
        if (kind == Kind.Pace)
        {
            node["distance"] = new JsonArray([.. best.Keys.Select(k => (JsonNode)JsonValue.Create(k))]);
            node["type"] = "PACE";
        }
        else
        {
            node["secs"] = new JsonArray([.. best.Keys.Select(k => (JsonNode)JsonValue.Create((int)k))]);
        }

        node["values"] = values;
        node["submax_values"] = null;
        node["submax_activity_id"] = null;
        node["start_index"] = new JsonArray([.. best.Values.Select(b => (JsonNode)JsonValue.Create(b.Point.Start))]);
        node["end_index"] = new JsonArray([.. best.Values.Select(b => (JsonNode)JsonValue.Create(b.Point.End))]);
        node["activity_id"] = new JsonArray([.. best.Values.Select(b => (JsonNode)JsonValue.Create(b.Activity.Id))]);
        if (kind == Kind.Power)
        {
            node["after_kj"] = spec.Contains("-kj", StringComparison.Ordinal) ? 0 : null;
            node["watts"] = values.DeepClone();
            node["watts_per_kg"] = athlete.IcuWeight is > 0 and var kg
                ? new JsonArray([.. best.Values.Select(b => (JsonNode)JsonValue.Create(Math.Round(b.Point.Value / kg, 2)))])
                : null;
            node["wkg_activity_id"] = node["activity_id"]!.DeepClone();
        }

        return node;
    }

    private static JsonObject Summary(SandboxActivity a) => new()
    {
        ["id"] = a.Id,
        ["name"] = a.Name,
        ["type"] = a.Type,
        ["start_date_local"] = JsonValue.Create(a.StartDateLocal),
        ["distance"] = a.Distance,
        ["moving_time"] = a.MovingTime,
        ["icu_training_load"] = a.IcuTrainingLoad,
        ["icu_average_watts"] = a.IcuAverageWatts,
        ["icu_weighted_avg_watts"] = a.IcuWeightedAvgWatts,
        ["average_heartrate"] = a.AverageHeartrate,
    };

    /// <summary>Curve window from a spec: <c>42d</c>, <c>1y</c>, <c>all</c>, <c>s0</c>, <c>r.2026-01-01.2026-02-01</c>.</summary>
    private static (DateOnly From, DateOnly To, string Label) Window(string spec, DateOnly today)
    {
        var core = spec;
        var kj = spec.IndexOf("-kj", StringComparison.Ordinal);
        if (kj > 0)
        {
            core = spec[..kj];
        }

        if (core == "all")
        {
            return (new DateOnly(2000, 1, 1), today, "All time");
        }

        if (core.StartsWith("r.", StringComparison.Ordinal))
        {
            var parts = core.Split('.');
            if (parts.Length == 3
                && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var a)
                && DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var b))
            {
                return (a, b, string.Create(CultureInfo.InvariantCulture, $"{a:yyyy-MM-dd} to {b:yyyy-MM-dd}"));
            }
        }
        else if (core.Length >= 2 && int.TryParse(core[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var season) && core[0] == 's')
        {
            var start = new DateOnly(today.Year - season, 1, 1);
            return (start, season == 0 ? today : new DateOnly(today.Year - season, 12, 31), season == 0 ? "This season" : $"Season -{season}");
        }
        else if (core.Length >= 2 && int.TryParse(core[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            switch (core[^1])
            {
                case 'd':
                    return (today.AddDays(1 - count), today, count == 1 ? "1 day" : $"{count} days");
                case 'y':
                    return (today.AddYears(-count).AddDays(1), today, count == 1 ? "1 year" : $"{count} years");
            }
        }

        throw new WireFormatException(
            $"Invalid curve '{spec}': use 42d, 1y, all, s0, s1 or r.YYYY-MM-DD.YYYY-MM-DD (optionally with -kj0 or -kj1).", 422);
    }

    private static IResult ActivityCurve(HttpContext context, SandboxStore store, Kind kind)
    {
        if (AthleteApi.RejectCsv(context) is { } csv)
        {
            return csv;
        }

        if (ActivityApi.Readable(context, store, out var activity) is { } denied)
        {
            return denied;
        }

        var swim = ActivityPlan.FamilyOf(activity.Type) == SportFamily.Swim;
        var curveKind = kind switch
        {
            Kind.Power => "watts",
            Kind.Hr => "heartrate",
            _ => swim ? "swim-pace" : "pace",
        };
        if (store.GetCurve(activity.Id, curveKind) is not { Count: > 0 } curve)
        {
            var what = kind switch
            {
                Kind.Power => "power",
                Kind.Hr => "heart rate",
                _ => "distance",
            };
            return ApiResults.NotFound($"Activity {activity.Id} has no {what} data");
        }

        var points = curve.OrderBy(kv => kv.Key).ToList();
        var values = new JsonArray([.. points.Select(p => (JsonNode)JsonValue.Create((int)Math.Round(p.Value.Value)))]);
        var node = new JsonObject
        {
            ["id"] = activity.Id,
            ["label"] = activity.Name,
            ["start_date_local"] = JsonValue.Create(activity.StartDateLocal),
            ["weight"] = activity.IcuWeight,
        };
        if (kind == Kind.Pace)
        {
            node["distance"] = new JsonArray([.. points.Select(p => (JsonNode)JsonValue.Create(p.Key))]);
            node["type"] = "PACE";
        }
        else
        {
            node["secs"] = new JsonArray([.. points.Select(p => (JsonNode)JsonValue.Create((int)p.Key))]);
        }

        node["values"] = values;
        node["start_index"] = new JsonArray([.. points.Select(p => (JsonNode)JsonValue.Create(p.Value.Start))]);
        node["end_index"] = new JsonArray([.. points.Select(p => (JsonNode)JsonValue.Create(p.Value.End))]);
        if (kind == Kind.Power)
        {
            node["watts"] = values.DeepClone();
            node["watts_per_kg"] = activity.IcuWeight is > 0 and var kg
                ? new JsonArray([.. points.Select(p => (JsonNode)JsonValue.Create(Math.Round(p.Value.Value / kg, 2)))])
                : null;
        }

        return ApiResults.Json(node);
    }
}
