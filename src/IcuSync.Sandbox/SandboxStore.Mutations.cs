using System.Globalization;
using System.Text.Json.Nodes;
using IcuSync.Sandbox.Analysis;
using IcuSync.Sandbox.Data;
using IcuSync.Sandbox.Json;

namespace IcuSync.Sandbox;

/// <summary>Writes made through the HTTP API (partial updates merge the given JSON keys, as the real API does).</summary>
public sealed partial class SandboxStore
{
    private static readonly string[] ServerManagedEventKeys =
        ["id", "uid", "athlete_id", "workout_doc", "icu_ctl", "icu_atl", "updated", "oauth_client_id", "created_by_id",
         "workout", "file_contents", "file_contents_base64", "filename", "paired_activity_id"];

    private DateTimeOffset Now => TimeProvider.GetUtcNow();

    internal long NewBatch() => Interlocked.Increment(ref _nextBatch);

    internal SandboxSportSettings? UpdateSportSettings(string athleteId, string idOrType, JsonObject patch, bool recalcHrZones)
    {
        var existing = FindSportSettings(athleteId, idOrType);
        if (existing is null)
        {
            return null;
        }

        if (patch["threshold_pace"] is JsonValue pace && pace.TryGetValue<double>(out var speed) && speed is <= 0 or > 10)
        {
            throw new WireFormatException(
                "Invalid threshold pace: threshold_pace is a speed in m/s (e.g. 3.92 for 4:15/km, 1.0 for 1:40/100m), not seconds.", 422);
        }

        var merged = SandboxJson.Merge(SandboxJson.ToWire(existing, SandboxJson.Context.SandboxSportSettings, null), patch);
        var updated = SandboxJson.FromNode(merged, SandboxJson.Context.SandboxSportSettings) with
        {
            Id = existing.Id,
            AthleteId = athleteId,
            Updated = Now,
        };

        var hrChanged = updated.Lthr != existing.Lthr || updated.MaxHr != existing.MaxHr;
        if (recalcHrZones && hrChanged && !patch.ContainsKey("hr_zones") && updated.Lthr is { } lthr && updated.MaxHr is { } maxHr)
        {
            updated = updated with { HrZones = DemoWorld.DefaultHrZones(lthr, maxHr) };
        }

        lock (_gate)
        {
            var list = _sportSettings[athleteId];
            list[list.FindIndex(s => s.Id == existing.Id)] = updated;
        }

        return updated;
    }

    /// <summary>Re-applies sport settings to matching activities (zones, FTP, load) and recomputes fitness.</summary>
    internal int ApplySportSettings(string athleteId, SandboxSportSettings settings)
    {
        var athlete = FindAthlete(athleteId);
        if (athlete is null)
        {
            return 0;
        }

        var thresholds = Thresholds.From(settings, athlete);
        var changed = 0;
        foreach (var activity in GetActivities(athleteId).Where(a => !a.IsStravaStub && a.Type is not null && settings.Covers(a.Type)))
        {
            ActivityPlan? plan;
            lock (_gate)
            {
                plan = _plans.GetValueOrDefault(activity.Id);
            }

            SandboxActivity updated;
            if (plan is not null)
            {
                var m = ActivityMetrics.Compute(plan, BlockProfile.Build(plan), thresholds);
                updated = activity with
                {
                    IcuFtp = settings.Ftp,
                    IcuIntensity = m.IntensityFactor is { } f ? Math.Round(f * 100, 2) : null,
                    IcuTrainingLoad = m.TrainingLoad,
                    PowerLoad = m.PowerLoad,
                    HrLoad = m.HrLoad,
                    PaceLoad = m.PaceLoad,
                    IcuZoneTimes = m.ZoneTimes,
                    IcuHrZoneTimes = m.HrZoneTimes,
                    PaceZoneTimes = m.PaceZoneTimes,
                    IcuJoulesAboveFtp = m.JoulesAboveFtp,
                };
            }
            else
            {
                var load = activity.IcuTrainingLoad;
                if (activity.IcuWeightedAvgWatts is { } np && settings.Ftp is > 0 and var ftp && activity.MovingTime is { } secs)
                {
                    var factor = np / (double)ftp;
                    load = (int)Math.Round(secs / 3600.0 * factor * factor * 100);
                }

                updated = activity with
                {
                    IcuFtp = settings.Ftp ?? activity.IcuFtp,
                    IcuIntensity = activity.IcuWeightedAvgWatts is { } w && settings.Ftp is > 0 ? Math.Round(w * 100.0 / settings.Ftp.Value, 2) : activity.IcuIntensity,
                    IcuTrainingLoad = load,
                };
            }

            updated = updated with
            {
                Lthr = settings.Lthr,
                AthleteMaxHr = settings.MaxHr,
                IcuHrZones = settings.HrZones,
                IcuPowerZones = activity.IcuPowerZones is null ? null : settings.PowerZones,
                IcuSweetSpotMin = activity.IcuSweetSpotMin is null ? null : settings.SweetSpotMin,
                IcuSweetSpotMax = activity.IcuSweetSpotMax is null ? null : settings.SweetSpotMax,
                ThresholdPace = settings.ThresholdPace,
                PaceZones = settings.PaceZones,
                Analyzed = Now,
            };
            ReplaceActivity(updated);
            _intervalCache.TryRemove(activity.Id, out _);
            changed++;
        }

        RecomputeFitness(athleteId);
        return changed;
    }

    private void ReplaceActivity(SandboxActivity updated)
    {
        lock (_gate)
        {
            _activities[updated.Id] = updated;
            var list = _activitiesByAthlete[updated.AthleteId];
            list[list.FindIndex(a => a.Id == updated.Id)] = updated;
        }
    }

    /// <summary>Recomputes wellness CTL/ATL and activity icu_ctl/icu_atl from the current loads (generated data only).</summary>
    private void RecomputeFitness(string athleteId)
    {
        if (!_generated)
        {
            return;
        }

        lock (_gate)
        {
            if (!_wellness.TryGetValue(athleteId, out var records) || records.Count == 0)
            {
                return;
            }

            var loads = DemoWorld.DailyLoads(_activitiesByAthlete.GetValueOrDefault(athleteId) ?? []);
            var fitness = DemoWorld.Fitness(records.Keys.First(), records.Keys.Last(), loads);
            for (var i = 0; i < fitness.Count; i++)
            {
                var (date, load, ctl, atl) = fitness[i];
                if (records.TryGetValue(date, out var w))
                {
                    records[date] = w with
                    {
                        Ctl = Math.Round(ctl, 4),
                        Atl = Math.Round(atl, 4),
                        CtlLoad = load,
                        AtlLoad = load,
                        RampRate = i >= 7 ? Math.Round(ctl - fitness[i - 7].Ctl, 2) : null,
                    };
                }
            }

            var list = _activitiesByAthlete.GetValueOrDefault(athleteId) ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                if (!list[i].IsStravaStub && records.TryGetValue(list[i].LocalDate, out var w))
                {
                    list[i] = list[i] with { IcuCtl = w.Ctl, IcuAtl = w.Atl };
                    _activities[list[i].Id] = list[i];
                }
            }
        }
    }

    /// <summary>Partial update of one day's wellness; a locked record ignores API updates.</summary>
    internal SandboxWellness PutWellness(string athleteId, DateOnly date, JsonObject patch)
    {
        var existing = FindWellness(athleteId, date);
        if (existing?.Locked == true)
        {
            return existing;
        }

        var body = (JsonObject)patch.DeepClone();
        body.Remove("id");
        var baseRecord = existing ?? new SandboxWellness { Id = date };
        var merged = SandboxJson.Merge(SandboxJson.ToWire(baseRecord, SandboxJson.Context.SandboxWellness, null), body);
        var updated = SandboxJson.FromNode(merged, SandboxJson.Context.SandboxWellness) with { Id = date, Updated = Now };
        lock (_gate)
        {
            if (!_wellness.TryGetValue(athleteId, out var records))
            {
                _wellness[athleteId] = records = new SortedDictionary<DateOnly, SandboxWellness>();
            }

            records[date] = updated;
        }

        return updated;
    }

    internal SandboxEvent CreateEvent(string athleteId, JsonObject body, int? oauthClientId, string createdById, long batch)
    {
        if (body["start_date_local"] is null)
        {
            throw new WireFormatException("start_date_local is required: give the local date, e.g. \"2026-05-20\" or \"2026-05-20T00:00:00\".", 422);
        }

        if (body["category"] is null)
        {
            throw new WireFormatException("category is required: one of WORKOUT, RACE_A, RACE_B, RACE_C, NOTE, HOLIDAY, SICK, INJURED, ...", 422);
        }

        var clean = Clean(body, ServerManagedEventKeys);
        var e = SandboxJson.FromNode(clean, SandboxJson.Context.SandboxEvent);
        var id = Interlocked.Increment(ref _nextEventId) - 1;
        e = e with
        {
            Id = id,
            Uid = Text(body["uid"]) ?? Guid.NewGuid().ToString(),
            AthleteId = athleteId,
            CalendarId = e.CalendarId ?? 1,
            OauthClientId = oauthClientId,
            CreatedById = createdById,
            StartDateLocal = DateTime.SpecifyKind(e.StartDateLocal, DateTimeKind.Unspecified),
            EndDateLocal = e.EndDateLocal ?? e.StartDateLocal.Date.AddDays(1),
            HideFromAthlete = e.HideFromAthlete ?? false,
            AthleteCannotEdit = e.AthleteCannotEdit ?? false,
            NotOnFitnessChart = e.NotOnFitnessChart ?? false,
            ShowAsNote = e.ShowAsNote ?? false,
            Updated = Now,
            BatchId = batch,
        };
        e = Analyze(athleteId, e, body);
        lock (_gate)
        {
            _events[id] = e;
        }

        return e;
    }

    internal SandboxEvent? UpdateEvent(string athleteId, int eventId, JsonObject body)
    {
        var existing = FindEvent(athleteId, eventId);
        if (existing is null)
        {
            return null;
        }

        var clean = Clean(body, ServerManagedEventKeys);
        var merged = SandboxJson.Merge(SandboxJson.ToWire(existing, SandboxJson.Context.SandboxEvent, null), clean);
        var e = SandboxJson.FromNode(merged, SandboxJson.Context.SandboxEvent) with
        {
            Id = existing.Id,
            Uid = existing.Uid,
            AthleteId = athleteId,
            OauthClientId = existing.OauthClientId,
            CreatedById = existing.CreatedById,
            PairedActivityId = existing.PairedActivityId,
            BatchId = existing.BatchId,
            Updated = Now,
        };
        if (body.ContainsKey("start_date_local") && !body.ContainsKey("end_date_local"))
        {
            e = e with { EndDateLocal = e.StartDateLocal.Date.AddDays(1) };
        }

        e = Analyze(athleteId, e, body);
        lock (_gate)
        {
            _events[e.Id] = e;
        }

        return e;
    }

    /// <summary>Bulk create; with <paramref name="upsert"/> events with the same external_id created by the same
    /// OAuth app (null for API keys) are updated instead.</summary>
    internal List<SandboxEvent> BulkCreateEvents(
        string athleteId, JsonArray items, bool upsert, bool upsertOnUid, bool updatePlanApplied, int? oauthClientId, string createdById)
    {
        var batch = NewBatch();
        var result = new List<SandboxEvent>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject body)
            {
                throw new WireFormatException($"Item [{i}] of the request body must be an event object.");
            }

            SandboxEvent? existing = null;
            if (upsert && Text(body["external_id"]) is { } externalId)
            {
                lock (_gate)
                {
                    existing = _events.Values.FirstOrDefault(e => e.AthleteId == athleteId && e.ExternalId == externalId && e.OauthClientId == oauthClientId);
                }
            }
            else if (!upsert && upsertOnUid && Text(body["uid"]) is { } uid)
            {
                lock (_gate)
                {
                    existing = _events.Values.FirstOrDefault(e => e.AthleteId == athleteId && e.Uid == uid);
                }
            }

            var saved = existing is null
                ? CreateEvent(athleteId, body, oauthClientId, createdById, batch)
                : UpdateEvent(athleteId, existing.Id, body)!;
            if (updatePlanApplied)
            {
                saved = saved with { PlanApplied = Now };
                lock (_gate)
                {
                    _events[saved.Id] = saved;
                }
            }

            result.Add(saved);
        }

        return result;
    }

    internal bool DeleteEvent(string athleteId, int eventId, bool others, DateOnly? notBefore)
    {
        lock (_gate)
        {
            if (!_events.TryGetValue(eventId, out var target) || target.AthleteId != athleteId)
            {
                return false;
            }

            _events.Remove(eventId);
            if (others && target.BatchId != 0)
            {
                var from = notBefore?.ToDateTime(TimeOnly.MinValue) ?? DateTime.MinValue;
                foreach (var e in _events.Values.Where(e => e.AthleteId == athleteId && e.BatchId == target.BatchId && e.StartDateLocal >= from).ToList())
                {
                    _events.Remove(e.Id);
                }
            }

            return true;
        }
    }

    internal int BulkDeleteEvents(string athleteId, JsonArray items, int? oauthClientId)
    {
        var deleted = 0;
        lock (_gate)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                if (Text(item["external_id"]) is { } externalId)
                {
                    foreach (var e in _events.Values.Where(e => e.AthleteId == athleteId && e.ExternalId == externalId && e.OauthClientId == oauthClientId).ToList())
                    {
                        deleted += _events.Remove(e.Id) ? 1 : 0;
                    }
                }
                else if (item["id"] is JsonValue v && v.TryGetValue<int>(out var id) && _events.TryGetValue(id, out var e) && e.AthleteId == athleteId)
                {
                    deleted += _events.Remove(id) ? 1 : 0;
                }
            }
        }

        return deleted;
    }

    internal int DeleteEventRange(string athleteId, DateOnly oldest, DateOnly? newest, IReadOnlySet<string> categories, string? createdById)
    {
        var from = oldest.ToDateTime(TimeOnly.MinValue);
        var to = newest?.AddDays(1).ToDateTime(TimeOnly.MinValue) ?? DateTime.MaxValue;
        lock (_gate)
        {
            var doomed = _events.Values
                .Where(e => e.AthleteId == athleteId && e.StartDateLocal >= from && e.StartDateLocal < to
                    && categories.Contains(e.Category ?? string.Empty) && (createdById is null || e.CreatedById == createdById))
                .Select(e => e.Id)
                .ToList();
            foreach (var id in doomed)
            {
                _events.Remove(id);
            }

            return doomed.Count;
        }
    }

    /// <summary>Parses a WORKOUT event's description into workout_doc and the derived numbers.</summary>
    private SandboxEvent Analyze(string athleteId, SandboxEvent e, JsonObject body)
    {
        if (!string.Equals(e.Category, "WORKOUT", StringComparison.OrdinalIgnoreCase))
        {
            return e with { WorkoutDoc = null };
        }

        var settings = FindSportSettings(athleteId, e.Type ?? "Ride");
        var declared = body["moving_time"] is JsonValue mv && mv.TryGetValue<int>(out var secs) ? secs : (int?)null;
        var analysis = EventWorkouts.Analyze(e.Description, e.Type, settings, declared, resolve: false);
        if (analysis.MovingTime is not > 0)
        {
            return e with { WorkoutDoc = analysis.Doc };
        }

        return e with
        {
            WorkoutDoc = analysis.Doc,
            MovingTime = analysis.MovingTime,
            Distance = analysis.Distance,
            IcuTrainingLoad = analysis.Load,
            IcuIntensity = analysis.Intensity,
            Joules = analysis.Joules,
            IcuFtp = settings?.Ftp,
        };
    }

    internal SandboxFolder CreateFolder(string athleteId, JsonObject body)
    {
        var folder = SandboxJson.FromNode(Clean(body, ["id", "athlete_id", "children"]), SandboxJson.Context.SandboxFolder);
        var id = Interlocked.Increment(ref _nextFolderId) - 1;
        folder = folder with { Id = id, AthleteId = athleteId, Type = folder.Type ?? "FOLDER", Visibility = folder.Visibility ?? "PRIVATE", CanEdit = true };
        lock (_gate)
        {
            _folders.Add(folder);
        }

        return folder;
    }

    internal SandboxWorkout CreateWorkout(string athleteId, JsonObject body)
    {
        if (body["folder_id"] is null)
        {
            throw new WireFormatException("folder_id is required: create the workout in one of the athlete's folders (GET /api/v1/athlete/{id}/folders).", 422);
        }

        var workout = SandboxJson.FromNode(Clean(body, ["id", "athlete_id", "workout_doc", "file_contents", "file_contents_base64", "filename"]), SandboxJson.Context.SandboxWorkout);
        if (!GetFolders(athleteId).Any(f => f.Id == workout.FolderId))
        {
            throw new WireFormatException($"folder_id {workout.FolderId?.ToString(CultureInfo.InvariantCulture)} is not one of the athlete's folders.", 422);
        }

        var id = Interlocked.Increment(ref _nextWorkoutId) - 1;
        workout = AnalyzeWorkout(athleteId, workout with { Id = id, AthleteId = athleteId, Updated = Now });
        lock (_gate)
        {
            _workouts.Add(workout);
        }

        return workout;
    }

    internal SandboxWorkout? UpdateWorkout(string athleteId, int workoutId, JsonObject body)
    {
        var existing = GetWorkouts(athleteId).FirstOrDefault(w => w.Id == workoutId);
        if (existing is null)
        {
            return null;
        }

        var merged = SandboxJson.Merge(SandboxJson.ToWire(existing, SandboxJson.Context.SandboxWorkout, null), Clean(body, ["id", "athlete_id", "workout_doc"]));
        var workout = AnalyzeWorkout(athleteId, SandboxJson.FromNode(merged, SandboxJson.Context.SandboxWorkout) with { Id = workoutId, AthleteId = athleteId, Updated = Now });
        lock (_gate)
        {
            _workouts[_workouts.FindIndex(w => w.Id == workoutId)] = workout;
        }

        return workout;
    }

    internal bool DeleteWorkout(string athleteId, int workoutId)
    {
        lock (_gate)
        {
            return _workouts.RemoveAll(w => w.Id == workoutId && w.AthleteId == athleteId) > 0;
        }
    }

    private SandboxWorkout AnalyzeWorkout(string athleteId, SandboxWorkout w)
    {
        var settings = FindSportSettings(athleteId, w.Type ?? "Ride");
        var analysis = EventWorkouts.Analyze(w.Description, w.Type, settings, null, resolve: false);
        return analysis.MovingTime is > 0
            ? w with
            {
                WorkoutDoc = analysis.Doc,
                MovingTime = analysis.MovingTime,
                Distance = analysis.Distance,
                IcuTrainingLoad = analysis.Load,
                IcuIntensity = analysis.Intensity,
                Joules = analysis.Joules,
            }
            : w with { WorkoutDoc = analysis.Doc };
    }

    internal SandboxGear CreateGear(string athleteId, JsonObject body)
    {
        // Intervals.icu assigns gear ids (b… for bikes, g… for other gear) and ignores any id in the body.
        var clean = Clean(body, ["id", "athlete_id", "reminders"]);
        var prefix = Text(clean["type"]) == "Bike" ? 'b' : 'g';
        var id = string.Create(CultureInfo.InvariantCulture, $"{prefix}9{Interlocked.Increment(ref _nextGearId):000000}");
        clean["id"] = id;
        var gear = SandboxJson.FromNode(clean, SandboxJson.Context.SandboxGear);
        gear = gear with
        {
            AthleteId = athleteId,
            Distance = gear.Distance ?? 0,
            Time = gear.Time ?? 0,
            Activities = gear.Activities ?? 0,
            Component = gear.Component ?? false,
            Reminders = [],
        };
        lock (_gate)
        {
            _gear.Add(gear);
        }

        return gear;
    }

    internal SandboxGear? UpdateGear(string athleteId, string gearId, JsonObject body)
    {
        var existing = GetGear(athleteId).FirstOrDefault(g => g.Id == gearId);
        if (existing is null)
        {
            return null;
        }

        var merged = SandboxJson.Merge(SandboxJson.ToWire(existing, SandboxJson.Context.SandboxGear, null), Clean(body, ["id", "athlete_id", "reminders"]));
        var gear = SandboxJson.FromNode(merged, SandboxJson.Context.SandboxGear) with { Id = gearId, AthleteId = athleteId };
        ReplaceGear(gear);
        return gear;
    }

    internal bool DeleteGear(string athleteId, string gearId)
    {
        lock (_gate)
        {
            return _gear.RemoveAll(g => g.Id == gearId && g.AthleteId == athleteId) > 0;
        }
    }

    internal SandboxGear? CreateReminder(string athleteId, string gearId, JsonObject body)
    {
        var gear = GetGear(athleteId).FirstOrDefault(g => g.Id == gearId);
        if (gear is null)
        {
            return null;
        }

        var reminder = SandboxJson.FromNode(Clean(body, ["id", "gear_id", "percent_used", "distance_used", "time_used", "activities_used", "days_used"]), SandboxJson.Context.SandboxGearReminder);
        reminder = reminder with
        {
            Id = Interlocked.Increment(ref _nextReminderId) - 1,
            GearId = gearId,
            LastReset = reminder.LastReset ?? Now,
            StartingDistance = reminder.StartingDistance ?? gear.Distance ?? 0,
            StartingTime = reminder.StartingTime ?? gear.Time ?? 0,
            StartingActivities = reminder.StartingActivities ?? gear.Activities ?? 0,
        };
        var updated = gear with { Reminders = [.. gear.Reminders ?? [], reminder] };
        ReplaceGear(updated);
        return updated;
    }

    internal SandboxGear? UpdateReminder(string athleteId, string gearId, int reminderId, JsonObject body, bool reset, int snoozeDays)
    {
        var gear = GetGear(athleteId).FirstOrDefault(g => g.Id == gearId);
        var existing = gear?.Reminders?.FirstOrDefault(r => r.Id == reminderId);
        if (gear is null || existing is null)
        {
            return null;
        }

        var merged = SandboxJson.Merge(SandboxJson.ToWire(existing, SandboxJson.Context.SandboxGearReminder, null), Clean(body, ["id", "gear_id"]));
        var reminder = SandboxJson.FromNode(merged, SandboxJson.Context.SandboxGearReminder) with { Id = reminderId, GearId = gearId };
        if (reset)
        {
            reminder = reminder with
            {
                LastReset = Now,
                StartingDistance = gear.Distance ?? 0,
                StartingTime = gear.Time ?? 0,
                StartingActivities = gear.Activities ?? 0,
                SnoozedUntil = null,
            };
        }

        if (snoozeDays > 0)
        {
            reminder = reminder with { SnoozedUntil = Now.AddDays(snoozeDays) };
        }

        var updated = gear with { Reminders = [.. gear.Reminders!.Select(r => r.Id == reminderId ? reminder : r)] };
        ReplaceGear(updated);
        return updated;
    }

    internal SandboxGear? DeleteReminder(string athleteId, string gearId, int reminderId)
    {
        var gear = GetGear(athleteId).FirstOrDefault(g => g.Id == gearId);
        if (gear?.Reminders?.Any(r => r.Id == reminderId) != true)
        {
            return null;
        }

        var updated = gear with { Reminders = [.. gear.Reminders.Where(r => r.Id != reminderId)] };
        ReplaceGear(updated);
        return updated;
    }

    private void ReplaceGear(SandboxGear gear)
    {
        lock (_gate)
        {
            _gear[_gear.FindIndex(g => g.Id == gear.Id)] = gear;
        }
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static JsonObject Clean(JsonObject body, IEnumerable<string> drop)
    {
        var copy = (JsonObject)body.DeepClone();
        foreach (var key in drop)
        {
            copy.Remove(key);
        }

        return copy;
    }
}
