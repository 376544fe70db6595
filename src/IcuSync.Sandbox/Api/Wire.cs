using System.Text.Json.Nodes;
using IcuSync.Sandbox.Data;
using IcuSync.Sandbox.Json;

namespace IcuSync.Sandbox.Api;

/// <summary>Turns stored records into the real API's JSON (every spec field present, null when unset).</summary>
internal static class Wire
{
    public static JsonObject Activity(SandboxActivity a, SandboxIntervals? intervals = null)
    {
        if (a.IsStravaStub)
        {
            return new JsonObject
            {
                ["id"] = a.Id,
                ["icu_athlete_id"] = a.AthleteId,
                ["start_date_local"] = JsonValue.Create(a.StartDateLocal),
                ["source"] = "STRAVA",
                ["_note"] = a.Extra?.TryGetValue("_note", out var note) == true ? note.GetString() : DemoWorld.StravaNote,
            };
        }

        var node = SandboxJson.ToWire(a, SandboxJson.Context.SandboxActivity, WireFields.Activity);
        if (intervals is not null)
        {
            node["icu_intervals"] = new JsonArray([.. intervals.Intervals.Select(Interval)]);
            node["icu_groups"] = new JsonArray([.. intervals.Groups.Select(Group)]);
        }

        return node;
    }

    public static JsonObject Interval(SandboxInterval i) => SandboxJson.ToWire(i, SandboxJson.Context.SandboxInterval, WireFields.Interval);

    public static JsonObject Group(SandboxIntervalGroup g) => SandboxJson.ToWire(g, SandboxJson.Context.SandboxIntervalGroup, WireFields.IntervalGroup);

    public static JsonObject SportSettings(SandboxSportSettings s) => SandboxJson.ToWire(s, SandboxJson.Context.SandboxSportSettings, WireFields.SportSettings);

    /// <summary><c>WithSportSettings</c>. The owner's API key appears in <c>icu_api_key</c> only for the owner's own key.</summary>
    public static JsonObject Athlete(SandboxAthlete a, IReadOnlyList<SandboxSportSettings> settings, string? apiKey)
    {
        var node = SandboxJson.ToWire(a, SandboxJson.Context.SandboxAthlete, WireFields.Athlete);
        node.Remove("icu_tags");
        node.Remove("icu_notes");
        node["icu_api_key"] = apiKey;
        node["sportSettings"] = new JsonArray([.. settings.Select(SportSettings)]);
        node["custom_items"] = new JsonArray();
        return node;
    }

    public static JsonObject AthleteWithTags(SandboxAthlete a, string? permission)
    {
        var node = SandboxJson.ToWire(a, SandboxJson.Context.SandboxAthlete, WireFields.AthleteWithTags);
        node["icu_permission"] = permission;
        node["icu_tags"] ??= new JsonArray();
        return node;
    }

    public static JsonObject Wellness(SandboxWellness w) => SandboxJson.ToWire(w, SandboxJson.Context.SandboxWellness, WireFields.Wellness);

    public static JsonObject Event(SandboxEvent e, (double Ctl, double Atl)? fitness)
    {
        var node = SandboxJson.ToWire(e, SandboxJson.Context.SandboxEvent, WireFields.Event);
        if (fitness is { } f && e.IcuCtl is null)
        {
            node["icu_ctl"] = Math.Round(f.Ctl, 4);
            node["icu_atl"] = Math.Round(f.Atl, 4);
        }

        return node;
    }

    public static JsonObject Workout(SandboxWorkout w) => SandboxJson.ToWire(w, SandboxJson.Context.SandboxWorkout, WireFields.Workout);

    public static JsonObject Folder(SandboxFolder f, IEnumerable<SandboxWorkout> children)
    {
        var node = SandboxJson.ToWire(f, SandboxJson.Context.SandboxFolder, WireFields.Folder);
        var list = children.ToList();
        node["children"] = new JsonArray([.. list.Select(Workout)]);
        node["num_workouts"] = list.Count;
        return node;
    }

    public static JsonObject Gear(SandboxGear g, DateTimeOffset now)
    {
        var reminders = (g.Reminders ?? []).Select(r => Reminder(r, g, now)).ToList();
        var node = SandboxJson.ToWire(g with { Reminders = reminders }, SandboxJson.Context.SandboxGear, WireFields.Gear);
        foreach (var r in node["reminders"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            foreach (var field in WireFields.GearReminder)
            {
                if (!r.ContainsKey(field))
                {
                    r[field] = null;
                }
            }
        }

        return node;
    }

    private static SandboxGearReminder Reminder(SandboxGearReminder r, SandboxGear g, DateTimeOffset now)
    {
        var distanceUsed = Math.Max(0, (g.Distance ?? 0) - (r.StartingDistance ?? 0));
        var timeUsed = Math.Max(0, (g.Time ?? 0) - (r.StartingTime ?? 0));
        var activitiesUsed = Math.Max(0, (g.Activities ?? 0) - (r.StartingActivities ?? 0));
        var daysUsed = r.LastReset is { } reset ? Math.Max(0, (int)(now - reset).TotalDays) : 0;
        var percent = new[]
        {
            r.Distance is > 0 ? distanceUsed / r.Distance.Value : 0,
            r.Time is > 0 ? timeUsed / r.Time.Value : 0,
            r.Activities is > 0 ? activitiesUsed / (double)r.Activities.Value : 0,
            r.Days is > 0 ? daysUsed / (double)r.Days.Value : 0,
        }.Max() * 100;
        return r with
        {
            DistanceUsed = Math.Round(distanceUsed, 1),
            TimeUsed = timeUsed,
            ActivitiesUsed = activitiesUsed,
            DaysUsed = daysUsed,
            PercentUsed = Math.Round(percent, 1),
        };
    }
}
