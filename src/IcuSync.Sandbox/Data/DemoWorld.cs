using System.Text.Json;
using System.Text.Json.Nodes;
using IcuSync.Sandbox.Analysis;

namespace IcuSync.Sandbox.Data;

/// <summary>
/// Generates the demo athletes, a coach, their history (activities, wellness), planned events, library and gear,
/// deterministically from a seed. Only the variation depends on the seed; identities and thresholds are fixed
/// (see <see cref="SandboxDemo"/>).
/// </summary>
internal static class DemoWorld
{
    internal const string StravaNote = "STRAVA activities are not available via the API";

    private static readonly double LambdaCtl = 1 - Math.Exp(-1 / SandboxDemo.CtlDays);
    private static readonly double LambdaAtl = 1 - Math.Exp(-1 / SandboxDemo.AtlDays);

    private sealed record Session(string?[] Keys, int Hour, int Minute);

    private sealed record Spec(
        int Index,
        string Id,
        string ApiKey,
        string First,
        string Last,
        string Sex,
        string City,
        string State,
        string Country,
        string Timezone,
        double Weight,
        int RestingHr,
        string DateOfBirth,
        double Height,
        double HrvBase,
        double Altitude,
        bool EventsAtSessionTime,
        Session[][] Week);

    private sealed record Occurrence(DateOnly Date, Session Session, WorkoutTemplate Template, SandboxActivity? Activity);

    private static Session S(int hour, int minute, params string?[] keys) => new(keys, hour, minute);

    private static readonly Spec[] Specs =
    [
        new(0, SandboxPrincipals.CyclistId, SandboxPrincipals.CyclistApiKey, "Ada", "Cyclist", "F", "London", "England", "United Kingdom",
            SandboxDemo.CyclistTimezone, 62.0, 46, "1990-04-12", 168, 68, 35, false,
            [
                [],
                [S(17, 40, "ride-threshold", "ride-vo2", "ride-threshold")],
                [S(17, 30, "ride-endurance")],
                [S(17, 40, "ride-sweetspot")],
                [S(7, 10, "ride-recovery", null)],
                [S(8, 30, "ride-long")],
                [S(9, 0, "ride-sunday", "ride-tempo")],
            ]),
        new(1, SandboxPrincipals.RunnerId, SandboxPrincipals.RunnerApiKey, "Ben", "Runner", "M", "Boulder", "Colorado", "United States",
            SandboxDemo.RunnerTimezone, 68.5, 44, "1987-09-03", 178, 82, 1620, false,
            [
                [],
                [S(6, 10, "run-intervals")],
                [S(6, 15, "run-easy")],
                [S(6, 10, "run-tempo")],
                [S(6, 20, "run-easy", null)],
                [S(7, 30, "run-strides")],
                [S(7, 0, "run-long")],
            ]),
        new(2, SandboxPrincipals.TriathleteId, SandboxPrincipals.TriathleteApiKey, "Cleo", "Triathlete", "F", "Sydney", "New South Wales", "Australia",
            SandboxDemo.TriathleteTimezone, 58.0, 48, "1993-01-22", 165, 74, 25, true,
            [
                [S(5, 45, "swim-endurance")],
                [S(5, 30, "ride-threshold", "ride-vo2")],
                [S(5, 45, "swim-technique"), S(17, 30, "run-easy")],
                [S(5, 30, "ride-sweetspot")],
                [S(5, 45, "swim-endurance")],
                [S(7, 0, "ride-long")],
                [S(7, 0, "run-long")],
            ]),
    ];

    public static SandboxData Generate(int seed, DateOnly today, int historyDays)
    {
        // Athletes are independent (own random stream, own id ranges), so they are generated in parallel.
        var parts = new SandboxData[Specs.Length];
        Parallel.For(0, Specs.Length, i => parts[i] = GenerateAthlete(Specs[i], seed, today, historyDays));
        var data = new SandboxData { Today = today };
        foreach (var part in parts)
        {
            data.Athletes.AddRange(part.Athletes);
            foreach (var (key, value) in part.ApiKeys)
            {
                data.ApiKeys[key] = value;
            }

            foreach (var (key, value) in part.SportSettings)
            {
                data.SportSettings[key] = value;
            }

            foreach (var (key, value) in part.Wellness)
            {
                data.Wellness[key] = value;
            }

            foreach (var (key, value) in part.Plans)
            {
                data.Plans[key] = value;
            }

            data.Activities.AddRange(part.Activities);
            data.Events.AddRange(part.Events);
            data.Folders.AddRange(part.Folders);
            data.Workouts.AddRange(part.Workouts);
            data.Gear.AddRange(part.Gear);
        }

        AddCoach(data, Stamp(today));
        return data;
    }

    private static DateTimeOffset Stamp(DateOnly today) => new(today.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero);

    private static SandboxData GenerateAthlete(Spec spec, int seed, DateOnly today, int historyDays)
    {
        var data = new SandboxData { Today = today };
        var stamp = Stamp(today);
        var rng = new DeterministicRandom(DeterministicRandom.Mix((ulong)(uint)seed, (ulong)(spec.Index + 1)));
        var athlete = BuildAthlete(spec);
        data.Athletes.Add(athlete);
        data.ApiKeys[spec.ApiKey] = spec.Id;
        var settings = BuildSportSettings(spec, stamp);
        data.SportSettings[spec.Id] = settings;
        var gear = BuildGear(spec);

        var occurrences = GenerateHistory(spec, athlete, settings, gear, seed, today, historyDays, rng, data);
        GenerateStravaStubs(spec, today, historyDays, rng, data);
        var wellness = GenerateWellness(spec, settings, today, historyDays, rng, data);
        data.Wellness[spec.Id] = wellness;
        ApplyFitnessToActivities(spec.Id, wellness, data);

        GenerateEvents(spec, settings, occurrences, today, historyDays, stamp, rng, 48_100_001 + (spec.Index * 10_000), data);
        GenerateLibrary(spec, settings, stamp, 700_001 + (spec.Index * 1_000), data);
        data.Gear.AddRange(FinishGear(spec, gear, today, data));
        return data;
    }

    /// <summary>Recomputes CTL/ATL (42/7-day exponential, from 0 on the first day) from daily loads.</summary>
    public static List<(DateOnly Date, double Load, double Ctl, double Atl)> Fitness(DateOnly first, DateOnly last, IReadOnlyDictionary<DateOnly, int> loads)
    {
        var result = new List<(DateOnly, double, double, double)>();
        double ctl = 0, atl = 0;
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            var load = loads.GetValueOrDefault(d);
            ctl += (load - ctl) * LambdaCtl;
            atl += (load - atl) * LambdaAtl;
            result.Add((d, load, ctl, atl));
        }

        return result;
    }

    /// <summary>Default HR zone tops from LTHR (81/89/93/99/102/106 % of LTHR, then max HR).</summary>
    public static List<int> DefaultHrZones(int lthr, int maxHr) =>
        [.. new[] { 81, 89, 93, 99, 102, 106 }.Select(p => (int)Math.Round(lthr * p / 100.0)), maxHr];

    private static SandboxAthlete BuildAthlete(Spec spec) => new()
    {
        Id = spec.Id,
        Name = $"{spec.First} {spec.Last}",
        FirstName = spec.First,
        LastName = spec.Last,
        Email = $"{spec.First.ToLowerInvariant()}@sandbox.icusync.local",
        Sex = spec.Sex,
        City = spec.City,
        State = spec.State,
        Country = spec.Country,
        Timezone = spec.Timezone,
        Locale = "en",
        MeasurementPreference = "meters",
        IcuWeight = spec.Weight,
        IcuRestingHr = spec.RestingHr,
        IcuDateOfBirth = spec.DateOfBirth,
        Height = spec.Height,
        IcuCoach = false,
        Plan = "PREMIUM",
        Status = "ACTIVE",
        Visibility = "PRIVATE",
    };

    private static readonly string[] PowerZoneNames = ["Active Recovery", "Endurance", "Tempo", "Threshold", "VO2 Max", "Anaerobic", "Neuromuscular"];
    private static readonly string[] HrZoneNames = ["Recovery", "Aerobic", "Tempo", "SubThreshold", "SuperThreshold", "Aerobic Capacity", "Anaerobic"];
    private static readonly string[] PaceZoneNames = ["Zone 1", "Zone 2", "Zone 3", "Zone 4", "Zone 5a", "Zone 5b", "Zone 5c"];

    private static SandboxSportSettings Ride(int id, string athleteId, int ftp, int? indoorFtp, int lthr, int maxHr, DateTimeOffset stamp) => new()
    {
        Id = id,
        AthleteId = athleteId,
        Types = ["Ride", "VirtualRide", "GravelRide", "MountainBikeRide", "TrackRide"],
        WarmupTime = 1200,
        CooldownTime = 600,
        Ftp = ftp,
        IndoorFtp = indoorFtp,
        WPrime = 18_500,
        PMax = 900,
        PowerZones = [55, 75, 90, 105, 120, 150, 999],
        PowerZoneNames = PowerZoneNames,
        SweetSpotMin = 84,
        SweetSpotMax = 97,
        Lthr = lthr,
        MaxHr = maxHr,
        HrZones = DefaultHrZones(lthr, maxHr),
        HrZoneNames = HrZoneNames,
        HrLoadType = "HRSS",
        LoadOrder = "POWER_HR_PACE",
        TizOrder = "POWER_HR_PACE",
        WorkoutOrder = "POWER_HR_PACE",
        Other = false,
        Created = stamp.AddDays(-400),
        Updated = stamp.AddDays(-30),
    };

    private static SandboxSportSettings Pace(int id, string athleteId, string[] types, double thresholdPace, string units, string loadType, int lthr, int maxHr, double[] distances, DateTimeOffset stamp) => new()
    {
        Id = id,
        AthleteId = athleteId,
        Types = types,
        WarmupTime = 900,
        CooldownTime = 600,
        Lthr = lthr,
        MaxHr = maxHr,
        HrZones = DefaultHrZones(lthr, maxHr),
        HrZoneNames = HrZoneNames,
        HrLoadType = "HRSS",
        ThresholdPace = thresholdPace,
        PaceUnits = units,
        PaceZones = [77.5, 87.7, 94.3, 100.0, 103.4, 111.5, 999.0],
        PaceZoneNames = PaceZoneNames,
        PaceLoadType = loadType,
        LoadOrder = "PACE_HR_POWER",
        TizOrder = "PACE_HR_POWER",
        WorkoutOrder = "PACE_HR_POWER",
        BestEffortDistances = distances,
        Other = false,
        Created = stamp.AddDays(-400),
        Updated = stamp.AddDays(-30),
    };

    private static SandboxSportSettings OtherSettings(int id, string athleteId, int lthr, int maxHr, DateTimeOffset stamp) => new()
    {
        Id = id,
        AthleteId = athleteId,
        Types = ["Other", "WeightTraining", "Walk", "Hike", "Workout"],
        Lthr = lthr,
        MaxHr = maxHr,
        HrZones = DefaultHrZones(lthr, maxHr),
        HrZoneNames = HrZoneNames,
        HrLoadType = "HRSS",
        LoadOrder = "HR_POWER_PACE",
        Other = true,
        Created = stamp.AddDays(-400),
        Updated = stamp.AddDays(-400),
    };

    private static List<SandboxSportSettings> BuildSportSettings(Spec spec, DateTimeOffset stamp)
    {
        var baseId = 1_200_000 + (spec.Index * 10);
        return spec.Index switch
        {
            0 =>
            [
                Ride(baseId + 1, spec.Id, SandboxDemo.CyclistFtp, 240, SandboxDemo.CyclistLthr, SandboxDemo.CyclistMaxHr, stamp),
                Pace(baseId + 2, spec.Id, ["Run", "VirtualRun", "TrailRun"], 3.33, "MINS_KM", "RUN", 170, 188, Curves.RunDistances, stamp),
                OtherSettings(baseId + 3, spec.Id, SandboxDemo.CyclistLthr, SandboxDemo.CyclistMaxHr, stamp),
            ],
            1 =>
            [
                Pace(baseId + 1, spec.Id, ["Run", "VirtualRun", "TrailRun"], SandboxDemo.RunnerThresholdPace, "MINS_KM", "RUN", SandboxDemo.RunnerLthr, SandboxDemo.RunnerMaxHr, Curves.RunDistances, stamp),
                Ride(baseId + 2, spec.Id, 230, null, 165, 188, stamp),
                OtherSettings(baseId + 3, spec.Id, SandboxDemo.RunnerLthr, SandboxDemo.RunnerMaxHr, stamp),
            ],
            _ =>
            [
                Ride(baseId + 1, spec.Id, SandboxDemo.TriathleteFtp, null, 162, 184, stamp),
                Pace(baseId + 2, spec.Id, ["Run", "VirtualRun", "TrailRun"], SandboxDemo.TriathleteRunThresholdPace, "MINS_KM", "RUN", SandboxDemo.TriathleteLthr, 186, Curves.RunDistances, stamp),
                Pace(baseId + 3, spec.Id, ["Swim", "OpenWaterSwim"], SandboxDemo.TriathleteSwimThresholdPace, "SECS_100M", "SWIM", 155, 178, Curves.SwimDistances, stamp),
                OtherSettings(baseId + 4, spec.Id, SandboxDemo.TriathleteLthr, 186, stamp),
            ],
        };
    }

    private sealed class GearPlan
    {
        public required List<SandboxGear> Items { get; init; }

        public required Func<WorkoutTemplate, string?> Pick { get; init; }

        public Dictionary<string, double> StartDistance { get; } = new(StringComparer.Ordinal);
    }

    private static GearPlan BuildGear(Spec spec)
    {
        var n = spec.Index + 1;
        string Id(char prefix, int k) => FormattableString.Invariant($"{prefix}100{n}00{k}");
        switch (spec.Index)
        {
            case 0:
                {
                    var road = Id('b', 1);
                    var trainer = Id('b', 2);
                    var chain = Id('g', 3);
                    var plan = new GearPlan
                    {
                        Items =
                        [
                            new() { Id = road, AthleteId = spec.Id, Type = "Bike", Name = "Canyon Ultimate CF SLX", Purchased = "2023-03-01", ComponentIds = [chain], Component = false },
                        new() { Id = trainer, AthleteId = spec.Id, Type = "Bike", Name = "Tacx Neo trainer bike", Purchased = "2022-11-15", Component = false },
                        new() { Id = chain, AthleteId = spec.Id, Type = "Chain", Name = "Shimano Ultegra chain", Component = true },
                    ],
                        Pick = t => t.Type == "Ride" ? (t.Indoor ? trainer : road) : null,
                    };
                    plan.StartDistance[road] = 8_200_000;
                    plan.StartDistance[trainer] = 3_100_000;
                    plan.StartDistance[chain] = 0;
                    return plan;
                }

            case 1:
                {
                    var daily = Id('g', 1);
                    var fast = Id('g', 2);
                    var retired = Id('g', 3);
                    var plan = new GearPlan
                    {
                        Items =
                        [
                            new() { Id = daily, AthleteId = spec.Id, Type = "Shoes", Name = "Nike Pegasus 41", Purchased = "2025-01-10", Component = false },
                        new() { Id = fast, AthleteId = spec.Id, Type = "Shoes", Name = "Saucony Endorphin Speed 4", Purchased = "2025-02-20", Component = false },
                        new() { Id = retired, AthleteId = spec.Id, Type = "Shoes", Name = "Brooks Ghost 15", Purchased = "2023-06-01", Retired = "2025-01-09", Component = false },
                    ],
                        Pick = t => t.Type == "Run" ? (t.Key is "run-intervals" or "run-tempo" ? fast : daily) : null,
                    };
                    plan.StartDistance[daily] = 150_000;
                    plan.StartDistance[fast] = 40_000;
                    plan.StartDistance[retired] = 812_000;
                    return plan;
                }

            default:
                {
                    var bike = Id('b', 1);
                    var shoes = Id('g', 2);
                    var wetsuit = Id('g', 3);
                    var plan = new GearPlan
                    {
                        Items =
                        [
                            new() { Id = bike, AthleteId = spec.Id, Type = "Bike", Name = "Trek Speed Concept", Purchased = "2024-08-01", Component = false },
                        new() { Id = shoes, AthleteId = spec.Id, Type = "Shoes", Name = "Hoka Clifton 9", Purchased = "2025-03-01", Component = false },
                        new() { Id = wetsuit, AthleteId = spec.Id, Type = "Wetsuit", Name = "Orca Athlex Flow", Purchased = "2024-10-01", Component = false },
                    ],
                        Pick = t => t.Type switch { "Ride" => bike, "Run" => shoes, _ => null },
                    };
                    plan.StartDistance[bike] = 2_400_000;
                    plan.StartDistance[shoes] = 60_000;
                    plan.StartDistance[wetsuit] = 12_000;
                    return plan;
                }
        }
    }

    private static List<Occurrence> GenerateHistory(
        Spec spec, SandboxAthlete athlete, List<SandboxSportSettings> settings, GearPlan gear, int seed, DateOnly today, int historyDays,
        DeterministicRandom rng, SandboxData data)
    {
        var occurrences = new List<Occurrence>();
        var start = today.AddDays(-historyDays);
        var weeks = Math.Max(1, historyDays / 7);
        var offWeek = weeks > 12 ? rng.Int(6, weeks - 6) : -1;
        var sequence = 0;
        var idBase = 71_000_000 + (spec.Index * 1_000_000);

        for (var day = start; day < today; day = day.AddDays(1))
        {
            var week = (day.DayNumber - start.DayNumber) / 7;
            var recovery = week % 4 == 3;
            var dow = ((int)day.DayOfWeek + 6) % 7;
            foreach (var session in spec.Week[dow])
            {
                var key = session.Keys[week % session.Keys.Length];
                if (key is null)
                {
                    continue;
                }

                var template = WorkoutTemplates.All[key].Scale(recovery ? 0.7 : rng.Range(0.9, 1.15), recovery ? -1 : (rng.Chance(0.25) ? 1 : 0));
                if (week == offWeek || rng.Chance(0.06))
                {
                    occurrences.Add(new Occurrence(day, session, template, null));
                    continue;
                }

                sequence++;
                var id = "i" + (idBase + sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var activity = BuildActivity(spec, athlete, settings, gear, template, session, day, id, seed, rng, data);
                data.Activities.Add(activity);
                occurrences.Add(new Occurrence(day, session, template, activity));
            }
        }

        return occurrences;
    }

    private static SandboxActivity BuildActivity(
        Spec spec, SandboxAthlete athlete, List<SandboxSportSettings> allSettings, GearPlan gear, WorkoutTemplate template, Session session,
        DateOnly day, string id, int seed, DeterministicRandom rng, SandboxData data)
    {
        var type = template.Type == "Ride" && template.Indoor ? "VirtualRide" : template.Type;
        var settings = allSettings.FirstOrDefault(s => s.Covers(type)) ?? allSettings[^1];
        var physiology = new Physiology(settings.Ftp, settings.ThresholdPace, settings.Lthr ?? 165, settings.MaxHr ?? 185, spec.RestingHr, spec.Weight);
        var segments = template.ToSegments(settings.ThresholdPace);
        var family = ActivityPlan.FamilyOf(type);
        var outdoor = !template.Indoor;
        var total = segments.Sum(s => s.Secs);
        var pause = outdoor && family == SportFamily.Ride && total >= 7200 ? rng.Int(6, 16) * 30 : 0;
        var plan = new ActivityPlan(
            family,
            segments,
            outdoor,
            pause,
            DeterministicRandom.Mix((ulong)(uint)seed, DeterministicRandom.Hash(id)),
            physiology,
            spec.Altitude + rng.Range(0, 40));
        data.Plans[id] = plan;

        var profile = BlockProfile.Build(plan);
        var thresholds = Thresholds.From(settings, athlete);
        var m = ActivityMetrics.Compute(plan, profile, thresholds);
        var local = day.ToDateTime(new TimeOnly(session.Hour, session.Minute)).AddMinutes(rng.Int(-15, 20)).AddSeconds(rng.Int(0, 59));
        var utc = TimeZones.ToUtc(local, spec.Timezone);
        var analyzed = new DateTimeOffset(utc.AddSeconds(m.ElapsedTime + 240), TimeSpan.Zero);
        var gearId = gear.Pick(template);
        var gearItem = gearId is null ? null : gear.Items.First(g => g.Id == gearId);
        var ride = family == SportFamily.Ride;
        var zwift = ride && template.Indoor;
        var rpe = rng.Chance(0.2) ? (int?)null : Math.Clamp((int)Math.Round(((m.IntensityFactor ?? 0.7) * 8) + (rng.Gaussian() * 0.6)), 1, 10);

        return new SandboxActivity
        {
            Id = id,
            AthleteId = spec.Id,
            StartDateLocal = local,
            StartDate = utc,
            Timezone = spec.Timezone,
            Type = type,
            Name = zwift ? "Zwift - " + template.Name : template.Name,
            Source = zwift ? "ZWIFT" : "GARMIN_CONNECT",
            DeviceName = zwift ? "Zwift" : ride ? "Garmin Edge 840" : "Garmin Forerunner 965",
            Trainer = ride && template.Indoor,
            Commute = false,
            Race = false,
            SubType = "NONE",
            MovingTime = m.MovingTime,
            ElapsedTime = m.ElapsedTime,
            IcuRecordingTime = m.ElapsedTime,
            CoastingTime = ride ? m.CoastingTime : null,
            Distance = m.Distance,
            IcuDistance = m.Distance,
            TotalElevationGain = m.ElevationGain,
            TotalElevationLoss = m.ElevationLoss,
            AverageAltitude = m.AverageAltitude,
            MinAltitude = m.MinAltitude,
            MaxAltitude = m.MaxAltitude,
            AverageSpeed = m.AverageSpeed,
            MaxSpeed = m.MaxSpeed,
            Pace = family == SportFamily.Ride ? null : m.AverageSpeed,
            Gap = family == SportFamily.Run ? m.AverageSpeed : null,
            AverageHeartrate = m.AverageHeartrate,
            MaxHeartrate = m.MaxHeartrate,
            HasHeartrate = true,
            AverageCadence = m.AverageCadence,
            Calories = m.Calories,
            IcuJoules = m.Joules,
            IcuAverageWatts = m.AverageWatts,
            IcuWeightedAvgWatts = m.NormalizedWatts,
            IcuFtp = settings.Ftp,
            IcuIntensity = m.IntensityFactor is { } f ? Math.Round(f * 100, 2) : null,
            IcuVariabilityIndex = m.NormalizedWatts is { } np && m.AverageWatts is > 0 ? Math.Round(np / (double)m.AverageWatts.Value, 3) : null,
            IcuEfficiencyFactor = m.NormalizedWatts is { } np2 ? Math.Round(np2 / (double)m.AverageHeartrate, 3) : null,
            IcuJoulesAboveFtp = m.JoulesAboveFtp,
            IcuWPrime = ride ? settings.WPrime : null,
            PMax = ride ? settings.PMax : null,
            DeviceWatts = ride ? true : null,
            PowerMeter = ride ? (zwift ? "Tacx Neo 2T" : "Favero Assioma Duo") : null,
            PowerField = ride ? "watts" : null,
            IcuTrainingLoad = m.TrainingLoad,
            PowerLoad = m.PowerLoad,
            HrLoad = m.HrLoad,
            PaceLoad = m.PaceLoad,
            HrLoadType = "HRSS",
            PaceLoadType = settings.PaceLoadType,
            Trimp = m.Trimp,
            IcuRpe = rpe,
            Feel = rng.Chance(0.3) ? null : rng.Int(2, 4),
            IcuWeight = spec.Weight,
            IcuRestingHr = spec.RestingHr,
            Lthr = settings.Lthr,
            AthleteMaxHr = settings.MaxHr,
            IcuHrZones = settings.HrZones,
            IcuPowerZones = ride ? settings.PowerZones : null,
            IcuSweetSpotMin = ride ? settings.SweetSpotMin : null,
            IcuSweetSpotMax = ride ? settings.SweetSpotMax : null,
            ThresholdPace = settings.ThresholdPace,
            PaceZones = settings.PaceZones,
            IcuZoneTimes = m.ZoneTimes,
            IcuHrZoneTimes = m.HrZoneTimes,
            PaceZoneTimes = m.PaceZoneTimes,
            StreamTypes = StreamSynthesizer.TypesFor(plan),
            Gear = gearItem is null ? null : new SandboxGearRef(gearItem.Id, gearItem.Name, null, true),
            IntervalSummary = m.IntervalSummary,
            IcuLapCount = plan.Segments.Count,
            Decoupling = m.Decoupling,
            Tags = [],
            FileType = "fit",
            IcuWarmupTime = settings.WarmupTime,
            IcuCooldownTime = settings.CooldownTime,
            Created = analyzed.AddSeconds(-30),
            Analyzed = analyzed,
            IcuSyncDate = analyzed.AddSeconds(-30),
        };
    }

    private static void GenerateStravaStubs(Spec spec, DateOnly today, int historyDays, DeterministicRandom rng, SandboxData data)
    {
        if (historyDays < 7)
        {
            return;
        }

        for (var k = 0; k < SandboxDemo.StravaStubsPerAthlete; k++)
        {
            var day = today.AddDays(-rng.Int(2, historyDays - 1));
            var local = day.ToDateTime(new TimeOnly(12, 5)).AddMinutes(rng.Int(0, 40)).AddSeconds(rng.Int(0, 59));
            var id = (16_600_000_000L + (spec.Index * 10_000_000L) + (k * 1_310_071L) + rng.Int(0, 999)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            data.Activities.Add(new SandboxActivity
            {
                Id = id,
                AthleteId = spec.Id,
                StartDateLocal = local,
                Source = "STRAVA",
                Extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["_note"] = JsonSerializer.SerializeToElement(StravaNote, Json.SandboxJson.Context.String) },
            });
        }
    }

    private static List<SandboxWellness> GenerateWellness(
        Spec spec, List<SandboxSportSettings> settings, DateOnly today, int historyDays, DeterministicRandom rng, SandboxData data)
    {
        var start = today.AddDays(-historyDays);
        var loads = DailyLoads(data.Activities.Where(a => a.AthleteId == spec.Id));
        var fitness = Fitness(start, today, loads);
        var ride = settings.FirstOrDefault(s => s.Covers("Ride"));
        var records = new List<SandboxWellness>(fitness.Count);
        for (var i = 0; i < fitness.Count; i++)
        {
            var (date, load, ctl, atl) = fitness[i];
            var form = ctl - atl;
            var yesterdayLoad = i > 0 ? fitness[i - 1].Load : 0;
            var season = Math.Sin(2 * Math.PI * date.DayOfYear / 365.0);
            var weight = Math.Round(spec.Weight + (0.8 * season) + (rng.Gaussian() * 0.3), 1);
            var resting = (int)Math.Round(spec.RestingHr - (form / 8.0) + (rng.Gaussian() * 1.5));
            double? hrv = rng.Chance(0.04) ? null : Math.Round(Math.Max(20, spec.HrvBase + (form * 0.45) + (rng.Gaussian() * 6)), 1);
            var sleep = (int)Math.Round((7.3 + (rng.Gaussian() * 0.6)) * 60) * 60;
            var sleepScore = Math.Round(Math.Clamp(55 + ((sleep / 3600.0) - 5.5) * 12 + (rng.Gaussian() * 5), 35, 98));
            var fatigueScale = form < -25 ? 3 : form < -10 ? 2 : 1;
            var sorenessScale = yesterdayLoad > 150 ? 3 : yesterdayLoad > 80 ? 2 : 1;
            var localMorning = date.ToDateTime(new TimeOnly(6, 30));
            var updated = new DateTimeOffset(TimeZones.ToUtc(localMorning, spec.Timezone), TimeSpan.Zero);
            records.Add(new SandboxWellness
            {
                Id = date,
                Ctl = Math.Round(ctl, 4),
                Atl = Math.Round(atl, 4),
                RampRate = i >= 7 ? Math.Round(ctl - fitness[i - 7].Ctl, 2) : null,
                CtlLoad = load,
                AtlLoad = load,
                SportInfo = ride?.Ftp is { } ftp ? [new SandboxSportInfo("Ride", Math.Round(ftp * (0.97 + (rng.NextDouble() * 0.05)), 1), ride.WPrime, ride.PMax)] : null,
                Updated = updated,
                Weight = weight,
                RestingHr = resting,
                Hrv = hrv,
                SleepSecs = sleep,
                SleepScore = sleepScore,
                SleepQuality = sleepScore >= 85 ? 1 : sleepScore >= 72 ? 2 : sleepScore >= 60 ? 3 : 4,
                AvgSleepingHr = resting + 4,
                Soreness = sorenessScale,
                Fatigue = fatigueScale,
                Stress = rng.Int(1, 3),
                Mood = rng.Int(1, 3),
                Motivation = form < -25 ? 3 : rng.Int(1, 2),
                Injury = 1,
                Readiness = Math.Round(Math.Clamp(70 + (form * 0.8) + (rng.Gaussian() * 8), 20, 99)),
                Steps = rng.Int(6_000, 14_000),
                Comments = date == today.AddDays(-2) ? "Legs heavy after the weekend" : null,
                Locked = false,
                TempWeight = false,
                TempRestingHr = false,
            });
        }

        return records;
    }

    public static Dictionary<DateOnly, int> DailyLoads(IEnumerable<SandboxActivity> activities)
    {
        var loads = new Dictionary<DateOnly, int>();
        foreach (var a in activities)
        {
            if (!a.IsStravaStub && a.IcuTrainingLoad is { } load)
            {
                loads[a.LocalDate] = loads.GetValueOrDefault(a.LocalDate) + load;
            }
        }

        return loads;
    }

    private static void ApplyFitnessToActivities(string athleteId, List<SandboxWellness> wellness, SandboxData data)
    {
        var byDate = wellness.ToDictionary(w => w.Id);
        for (var i = 0; i < data.Activities.Count; i++)
        {
            var a = data.Activities[i];
            if (a.AthleteId == athleteId && !a.IsStravaStub && byDate.TryGetValue(a.LocalDate, out var w))
            {
                data.Activities[i] = a with { IcuCtl = w.Ctl, IcuAtl = w.Atl };
            }
        }
    }

    private static int GenerateEvents(
        Spec spec, List<SandboxSportSettings> settings, List<Occurrence> history, DateOnly today, int historyDays, DateTimeOffset stamp,
        DeterministicRandom rng, int eventId, SandboxData data)
    {
        var start = today.AddDays(-historyDays);
        var planned = history.Where(o => o.Date >= today.AddDays(-14)).ToList();
        for (var day = today; day < today.AddDays(SandboxDemo.PlannedDays); day = day.AddDays(1))
        {
            var week = (day.DayNumber - start.DayNumber) / 7;
            var dow = ((int)day.DayOfWeek + 6) % 7;
            foreach (var session in spec.Week[dow])
            {
                if (session.Keys[week % session.Keys.Length] is { } key)
                {
                    planned.Add(new Occurrence(day, session, WorkoutTemplates.All[key].Scale(week % 4 == 3 ? 0.7 : 1.0, week % 4 == 3 ? -1 : 0), null));
                }
            }
        }

        foreach (var o in planned)
        {
            var time = spec.EventsAtSessionTime ? new TimeOnly(o.Session.Hour, o.Session.Minute) : TimeOnly.MinValue;
            var sportSettings = settings.FirstOrDefault(s => s.Covers(o.Template.Type));
            var description = o.Template.ToText();
            var analysis = EventWorkouts.Analyze(description, o.Template.Type, sportSettings, null, resolve: false);
            var id = eventId++;
            data.Events.Add(new SandboxEvent
            {
                Id = id,
                Uid = Uid(rng),
                AthleteId = spec.Id,
                CalendarId = 1,
                Category = "WORKOUT",
                StartDateLocal = o.Date.ToDateTime(time),
                EndDateLocal = o.Date.AddDays(1).ToDateTime(TimeOnly.MinValue),
                Name = o.Template.Name,
                Description = description,
                Type = o.Template.Type,
                Indoor = o.Template.Indoor,
                MovingTime = analysis.MovingTime,
                Distance = analysis.Distance,
                IcuTrainingLoad = analysis.Load,
                IcuIntensity = analysis.Intensity,
                Joules = analysis.Joules,
                IcuFtp = sportSettings?.Ftp,
                WorkoutDoc = analysis.Doc,
                CreatedById = spec.Id,
                PairedActivityId = o.Activity?.Id,
                HideFromAthlete = false,
                AthleteCannotEdit = false,
                NotOnFitnessChart = false,
                ShowAsNote = false,
                Updated = stamp.AddDays(-15),
            });

            if (o.Activity is { } activity)
            {
                var index = data.Activities.FindIndex(a => a.Id == activity.Id);
                var planMoving = analysis.MovingTime ?? 0;
                data.Activities[index] = data.Activities[index] with
                {
                    PairedEventId = id,
                    Compliance = planMoving > 0 ? Math.Round(Math.Min(100, (activity.MovingTime ?? 0) * 100.0 / planMoving), 1) : null,
                };
            }
        }

        var raceDay = today.AddDays(56);
        while (raceDay.DayOfWeek != DayOfWeek.Sunday)
        {
            raceDay = raceDay.AddDays(1);
        }

        var (raceName, raceType, raceDistance, raceDescription) = spec.Index switch
        {
            0 => ("Dragon Ride Gran Fondo", "Ride", 226_000.0, "A race: 226 km with about 4,000 m of climbing."),
            1 => ("Denver Half Marathon", "Run", 21_097.5, "A race: goal 1:27 (4:07/km)."),
            _ => ("Sydney Olympic Triathlon", "Other", 51_500.0, "A race: 1.5 km swim, 40 km bike, 10 km run."),
        };
        data.Events.Add(Simple(eventId++, spec.Id, "RACE_A", raceDay, raceName, raceDescription, raceType, stamp, rng) with { Distance = raceDistance });

        var (noteDay, noteName, noteText) = spec.Index switch
        {
            0 => (today.AddDays(2), "Travel day", "Flying to Girona, bike in the box. No training."),
            1 => (today.AddDays(-3), "Left calf tight", "Monitor; skip strides if it persists."),
            _ => (today.AddDays(4), "Pool closed", "Swap the swim for an easy run."),
        };
        data.Events.Add(Simple(eventId++, spec.Id, "NOTE", noteDay, noteName, noteText, null, stamp, rng));
        data.Events.Add(Simple(eventId++, spec.Id, "NOTE", today.AddDays(-5), "Coach note", "Great consistency this block; keep the easy days easy.", null, stamp, rng)
            with
        { CreatedById = SandboxPrincipals.CoachId });
        return eventId;
    }

    private static SandboxEvent Simple(int id, string athleteId, string category, DateOnly day, string name, string description, string? type, DateTimeOffset stamp, DeterministicRandom rng) => new()
    {
        Id = id,
        Uid = Uid(rng),
        AthleteId = athleteId,
        CalendarId = 1,
        Category = category,
        StartDateLocal = day.ToDateTime(TimeOnly.MinValue),
        EndDateLocal = day.AddDays(1).ToDateTime(TimeOnly.MinValue),
        Name = name,
        Description = description,
        Type = type,
        CreatedById = athleteId,
        HideFromAthlete = false,
        AthleteCannotEdit = false,
        NotOnFitnessChart = false,
        ShowAsNote = category == "NOTE",
        Updated = stamp.AddDays(-20),
    };

    private static string Uid(DeterministicRandom rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, rng.NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], rng.NextUInt64());
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    private static int GenerateLibrary(Spec spec, List<SandboxSportSettings> settings, DateTimeOffset stamp, int workoutId, SandboxData data)
    {
        var keyFolder = 90_000 + (spec.Index * 10) + 1;
        var easyFolder = keyFolder + 1;
        data.Folders.Add(new SandboxFolder { Id = keyFolder, AthleteId = spec.Id, Type = "FOLDER", Name = "Key sessions", Visibility = "PRIVATE", CanEdit = true });
        data.Folders.Add(new SandboxFolder { Id = easyFolder, AthleteId = spec.Id, Type = "FOLDER", Name = "Easy days", Visibility = "PRIVATE", CanEdit = true });
        var keys = spec.Week.SelectMany(d => d).SelectMany(s => s.Keys).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var template = WorkoutTemplates.All[key];
            var sportSettings = settings.FirstOrDefault(s => s.Covers(template.Type));
            var description = template.ToText();
            var analysis = EventWorkouts.Analyze(description, template.Type, sportSettings, null, resolve: false);
            var easy = key.Contains("easy", StringComparison.Ordinal) || key.Contains("recovery", StringComparison.Ordinal)
                || key.Contains("technique", StringComparison.Ordinal);
            data.Workouts.Add(new SandboxWorkout
            {
                Id = workoutId++,
                AthleteId = spec.Id,
                FolderId = easy ? easyFolder : keyFolder,
                Name = template.Name,
                Description = description,
                Type = template.Type,
                Indoor = template.Indoor,
                MovingTime = analysis.MovingTime,
                Distance = analysis.Distance,
                IcuTrainingLoad = analysis.Load,
                IcuIntensity = analysis.Intensity,
                Joules = analysis.Joules,
                WorkoutDoc = analysis.Doc,
                Targets = [template.Type == "Ride" ? "POWER" : "PACE"],
                Tags = [],
                Updated = stamp.AddDays(-60),
            });
        }

        return workoutId;
    }

    private static List<SandboxGear> FinishGear(Spec spec, GearPlan plan, DateOnly today, SandboxData data)
    {
        var result = new List<SandboxGear>();
        var activities = data.Activities.Where(a => a.AthleteId == spec.Id && a.Gear is not null).ToList();
        var resetDay = today.AddDays(-120);
        var reminderId = 5_000 + (spec.Index * 10);
        foreach (var gear in plan.Items)
        {
            var usedBy = gear.Component == true
                ? activities.Where(a => plan.Items.Any(p => p.Id == a.Gear!.Id && (p.ComponentIds?.Contains(gear.Id) ?? false))).ToList()
                : activities.Where(a => a.Gear!.Id == gear.Id).ToList();
            var distance = plan.StartDistance.GetValueOrDefault(gear.Id) + usedBy.Sum(a => a.Distance ?? 0);
            var time = usedBy.Sum(a => (double)(a.MovingTime ?? 0));
            var beforeReset = plan.StartDistance.GetValueOrDefault(gear.Id) + usedBy.Where(a => a.LocalDate < resetDay).Sum(a => a.Distance ?? 0);
            List<SandboxGearReminder> reminders = [];
            if (gear.Type == "Chain")
            {
                reminders.Add(new SandboxGearReminder
                {
                    Id = ++reminderId,
                    GearId = gear.Id,
                    Name = "Replace chain",
                    Distance = 3_000_000,
                    LastReset = new DateTimeOffset(resetDay.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero),
                    StartingDistance = Math.Round(beforeReset, 1),
                });
            }
            else if (gear.Type == "Shoes" && gear.Retired is null)
            {
                reminders.Add(new SandboxGearReminder
                {
                    Id = ++reminderId,
                    GearId = gear.Id,
                    Name = "Retire shoes",
                    Distance = 700_000,
                    StartingDistance = 0,
                });
            }

            result.Add(gear with
            {
                Distance = Math.Round(distance, 1),
                Time = time,
                Activities = usedBy.Count,
                UseElapsedTime = false,
                Reminders = reminders,
            });
        }

        var totals = result.ToDictionary(g => g.Id, g => g.Distance);
        for (var i = 0; i < data.Activities.Count; i++)
        {
            var a = data.Activities[i];
            if (a.AthleteId == spec.Id && a.Gear is { } reference && totals.TryGetValue(reference.Id, out var total))
            {
                data.Activities[i] = a with { Gear = reference with { Distance = total } };
            }
        }

        return result;
    }

    private static void AddCoach(SandboxData data, DateTimeOffset stamp)
    {
        data.Athletes.Add(new SandboxAthlete
        {
            Id = SandboxPrincipals.CoachId,
            Name = "Dana Coach",
            FirstName = "Dana",
            LastName = "Coach",
            Email = "dana@sandbox.icusync.local",
            Sex = "F",
            City = "Berlin",
            Country = "Germany",
            Timezone = SandboxDemo.CoachTimezone,
            Locale = "en",
            MeasurementPreference = "meters",
            IcuWeight = 64.0,
            IcuRestingHr = 52,
            IcuCoach = true,
            Plan = "PREMIUM",
            Status = "ACTIVE",
            Visibility = "PRIVATE",
        });
        data.ApiKeys[SandboxPrincipals.CoachApiKey] = SandboxPrincipals.CoachId;
        data.SportSettings[SandboxPrincipals.CoachId] =
        [
            Ride(1_200_901, SandboxPrincipals.CoachId, 200, null, 160, 182, stamp),
            OtherSettings(1_200_902, SandboxPrincipals.CoachId, 160, 182, stamp),
        ];
        data.Wellness[SandboxPrincipals.CoachId] = [];
        data.Coaching.Add(new SandboxCoaching(SandboxPrincipals.CoachId, SandboxPrincipals.CyclistId, "WRITE"));
        data.Coaching.Add(new SandboxCoaching(SandboxPrincipals.CoachId, SandboxPrincipals.RunnerId, "READ"));
        data.Coaching.Add(new SandboxCoaching(SandboxPrincipals.CoachId, SandboxPrincipals.TriathleteId, "WRITE"));
    }
}
