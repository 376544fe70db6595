using System.Globalization;
using System.Text;
using IcuSync.Workouts;

namespace IcuSync.Server.Coaching;

/// <summary>The training focus of a planned block.</summary>
public enum PlanFocus
{
    /// <summary>Aerobic base: mostly low intensity, one sub-threshold session a week (pyramidal).</summary>
    AerobicBase,

    /// <summary>Intensity: VO2max intervals and 30/30 microbursts on an easy base (polarised).</summary>
    Intensity,

    /// <summary>Race-specific: race-pace and threshold work, long sessions with race-pace blocks.</summary>
    Specific,

    /// <summary>Taper: volume falls week by week, short sharp intensity stays.</summary>
    Taper,

    /// <summary>Recovery: reduced volume, easy sessions only.</summary>
    Recovery,
}

/// <summary>A sport the plan trains, with its share of the athlete's recent training time and the thresholds its targets use.</summary>
/// <param name="Sport"><c>Ride</c>, <c>Run</c> or <c>Swim</c>.</param>
/// <param name="Share">Share of recent training time, 0–1.</param>
/// <param name="Context">Thresholds for the sport (FTP W, threshold pace s/km, LTHR bpm).</param>
public sealed record PlanSport(string Sport, double Share, WorkoutContext Context);

/// <summary>What to plan.</summary>
/// <param name="Start">First day (athlete-local).</param>
/// <param name="End">Last day, inclusive.</param>
/// <param name="Focus">The block's focus.</param>
/// <param name="MaxSecsPerWeek">The weekly time cap (availability), seconds; no week exceeds it.</param>
/// <param name="StartSecsPerWeek">The volume of the first build week, seconds (the athlete's recent volume, within the cap).</param>
/// <param name="RaceDate">The target race day, when there is one (no workout is planned on it).</param>
/// <param name="RaceName">The race's name, for the plan text.</param>
/// <param name="Sports">The sports to plan, primary (largest share) first.</param>
public sealed record PlanRequest(
    DateOnly Start,
    DateOnly End,
    PlanFocus Focus,
    int MaxSecsPerWeek,
    int StartSecsPerWeek,
    DateOnly? RaceDate,
    string? RaceName,
    IReadOnlyList<PlanSport> Sports);

/// <summary>One planned session.</summary>
/// <param name="Date">Athlete-local day.</param>
/// <param name="Slot">0 for the first session of the day, 1 for a second.</param>
/// <param name="Sport"><c>Ride</c>, <c>Run</c> or <c>Swim</c>.</param>
/// <param name="Kind">What it is: <c>long</c>, <c>easy</c>, <c>recovery</c>, <c>tempo</c>, <c>strides</c>, <c>vo2</c>, <c>micro</c>,
/// <c>race_pace</c>, <c>sharpener</c> or <c>openers</c>.</param>
/// <param name="Name">Readable title, naming the sport.</param>
/// <param name="Text">Workout Builder text.</param>
/// <param name="DurationSecs">Total of the steps, seconds.</param>
/// <param name="LowSecs">Seconds below the first threshold (recovery, endurance).</param>
/// <param name="ModerateSecs">Seconds between the thresholds (tempo, sweet spot, threshold).</param>
/// <param name="HighSecs">Seconds above the second threshold (VO2max, sprints).</param>
public sealed record PlanSession(
    DateOnly Date,
    int Slot,
    string Sport,
    string Kind,
    string Name,
    string Text,
    int DurationSecs,
    int LowSecs,
    int ModerateSecs,
    int HighSecs);

/// <summary>One week (Monday to Sunday) of a plan.</summary>
/// <param name="Number">1-based week number.</param>
/// <param name="Start">First planned day of the week (Monday, or the plan start).</param>
/// <param name="End">Last planned day (Sunday, or the plan end).</param>
/// <param name="Phase"><c>build</c>, <c>recovery</c>, <c>taper</c>, <c>race</c> or <c>post_race</c>.</param>
/// <param name="TargetSecs">The week's volume target, seconds (≤ the cap).</param>
/// <param name="Sessions">The sessions, by date.</param>
public sealed record PlanWeekDraft(int Number, DateOnly Start, DateOnly End, string Phase, int TargetSecs, IReadOnlyList<PlanSession> Sessions)
{
    public int DurationSecs => Sessions.Sum(s => s.DurationSecs);
}

/// <summary>
/// Builds a periodised block of Workout Builder sessions. Pure and deterministic: the same request gives the same plan.
/// </summary>
/// <remarks>
/// Volume: the first build week holds the athlete's recent weekly time (within the cap) and each further build week adds
/// 6 % (the cap is a hard ceiling). Every 4th week (every 3rd for intensity and specific blocks) is a recovery week at 60 %
/// of the last build week, unless the taper follows. With a race: the week before the race week is a taper week at 65 %
/// of the peak, the race week 45 % (no workout on race day, openers the day before), the week after it 50 %. A taper
/// block falls 70 → 60 → 50 % of the start volume; a recovery block holds 55 %. Intensity per focus: aerobic base one
/// sweet-spot/tempo session plus one easy session with sprints (pyramidal, ≈ 85–90 % low); intensity a VO2max and a
/// 30/30 microburst session (polarised, ≈ 80 % low); specific threshold race-pace intervals, VO2max, and race-pace blocks in the
/// long session; taper short threshold sharpeners and openers; recovery only easy sessions.
/// </remarks>
public static class TrainingPlanner
{
    /// <summary>The longest plan, in weeks.</summary>
    public const int MaxWeeks = 26;

    /// <summary>The smallest weekly cap a plan accepts, in hours.</summary>
    public const double MinHoursPerWeek = 1.5;

    /// <summary>The largest weekly cap a plan accepts, in hours.</summary>
    public const double MaxHoursPerWeek = 40;

    public const double BuildGrowth = 0.06;
    public const double RecoveryWeekFactor = 0.60;
    public const double TaperWeekFactor = 0.65;
    public const double RaceWeekFactor = 0.45;
    public const double PostRaceFactor = 0.50;
    public const double RecoveryBlockFactor = 0.55;

    private const int Minute = 60;

    public static string Name(PlanFocus focus) => focus switch
    {
        PlanFocus.AerobicBase => "aerobic_base",
        PlanFocus.Intensity => "intensity",
        PlanFocus.Specific => "specific",
        PlanFocus.Taper => "taper",
        _ => "recovery",
    };

    public static PlanFocus ParseFocus(string name) => name switch
    {
        "intensity" => PlanFocus.Intensity,
        "specific" => PlanFocus.Specific,
        "taper" => PlanFocus.Taper,
        "recovery" => PlanFocus.Recovery,
        _ => PlanFocus.AerobicBase,
    };

    /// <summary>The Monday of the week that holds <paramref name="day"/>.</summary>
    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Builds the plan week by week.</summary>
    public static IReadOnlyList<PlanWeekDraft> Build(PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Sports.Count == 0)
        {
            throw new ArgumentException("A plan needs at least one sport.", nameof(request));
        }

        var weeks = new List<PlanWeekDraft>();
        var cap = request.MaxSecsPerWeek;
        var start = Math.Min(cap, request.StartSecsPerWeek);
        var cycle = request.Focus is PlanFocus.Intensity or PlanFocus.Specific ? 3 : 4;
        var raceMonday = request.RaceDate is { } race ? Monday(race) : (DateOnly?)null;
        var builds = 0;
        var sinceRecovery = 0;
        var lastBuild = (double)start;
        var peak = (double)start;
        var taperWeek = 0;
        var number = 0;
        for (var monday = Monday(request.Start); monday <= request.End; monday = monday.AddDays(7))
        {
            number++;
            int? toRace = raceMonday is { } rm ? (rm.DayNumber - monday.DayNumber) / 7 : null;
            string phase;
            double volume;
            if (toRace == 0)
            {
                (phase, volume, sinceRecovery) = ("race", RaceWeekFactor * peak, 0);
            }
            else if (toRace == 1 || (toRace == 2 && request.Focus == PlanFocus.Taper))
            {
                (phase, volume, sinceRecovery) = ("taper", TaperWeekFactor * peak, 0);
            }
            else if (toRace == -1)
            {
                (phase, volume, sinceRecovery) = ("post_race", PostRaceFactor * peak, 0);
            }
            else if (request.Focus == PlanFocus.Recovery)
            {
                (phase, volume) = ("recovery", RecoveryBlockFactor * start);
            }
            else if (request.Focus == PlanFocus.Taper)
            {
                (phase, volume) = ("taper", Math.Max(0.5, 0.7 - (0.1 * taperWeek++)) * start);
            }
            else if (++sinceRecovery >= cycle && toRace != 2)
            {
                // A recovery week right before the taper would make two light weeks in a row; the taper absorbs it.
                sinceRecovery = 0;
                (phase, volume) = ("recovery", RecoveryWeekFactor * lastBuild);
            }
            else
            {
                volume = Math.Min(cap, start * Math.Pow(1 + BuildGrowth, builds++));
                lastBuild = volume;
                peak = Math.Max(peak, volume);
                phase = "build";
            }

            var target = Math.Min(cap, (int)(volume / (5 * Minute)) * 5 * Minute);
            var from = monday < request.Start ? request.Start : monday;
            var sunday = monday.AddDays(6);
            var to = sunday > request.End ? request.End : sunday;
            var sessions = phase == "race"
                ? RaceWeek(request, monday, from, to, target)
                : Week(request, phase, monday, from, to, target);
            weeks.Add(new PlanWeekDraft(number, from, to, phase, target, sessions));
        }

        return weeks;
    }

    /// <summary>The sessions of a normal week: Monday off, key sessions Tuesday and Thursday, the long one on Saturday.</summary>
    private static List<PlanSession> Week(PlanRequest request, string phase, DateOnly monday, DateOnly from, DateOnly to, int budget)
    {
        var count = budget < 3 * 3600 ? 3 : budget < 5 * 3600 ? 4 : budget < 8 * 3600 ? 5 : 6;
        while (count > 1 && count * 30 * Minute > budget)
        {
            count--;
        }

        // Day offsets from Monday and the role of each session, by how many sessions the week holds.
        (int Day, string Role)[] layout = count switch
        {
            1 => [(5, "long")],
            2 => [(1, "key1"), (5, "long")],
            3 => [(1, "key1"), (3, "key2"), (5, "long")],
            4 => [(1, "key1"), (3, "key2"), (5, "long"), (6, "easy")],
            5 => [(1, "key1"), (2, "easy"), (3, "key2"), (5, "long"), (6, "easy")],
            _ => [(1, "key1"), (2, "easy"), (3, "key2"), (4, "recovery"), (5, "long"), (6, "easy")],
        };
        var slots = layout.Select(l => new Slot(monday.AddDays(l.Day), Kind(request.Focus, phase, l.Role), l.Role == "long", 0)).ToList();
        if (request.Sports.Count > 1 && count >= 5)
        {
            // Multisport weeks add a second, easy session on the key days for the other sports.
            slots.Add(new Slot(monday.AddDays(1), phase == "recovery" || request.Focus == PlanFocus.Recovery ? "recovery" : "easy", false, 1));
            slots.Add(new Slot(monday.AddDays(3), "easy", false, 1));
        }

        // Durations are shared out over the whole week, so a week cut by the plan's start or end keeps normal sessions.
        return [.. Fill(request, slots, budget, phase).Where(s => s.Date >= from && s.Date <= to && s.Date != request.RaceDate)];
    }

    /// <summary>The race week, laid out from the race day: a sharpener four days out, openers the day before, recovery after.</summary>
    private static List<PlanSession> RaceWeek(PlanRequest request, DateOnly monday, DateOnly from, DateOnly to, int budget)
    {
        var race = request.RaceDate!.Value;
        var slots = new List<Slot>();
        for (var day = monday; day <= monday.AddDays(6); day = day.AddDays(1))
        {
            var kind = (day.DayNumber - race.DayNumber) switch
            {
                -5 => "easy",
                -4 => "sharpener",
                -3 => "easy",
                -1 => "openers",
                2 => "recovery",
                >= 3 => "easy",
                _ => null,
            };
            if (kind is not null)
            {
                slots.Add(new Slot(day, kind, false, 0));
            }
        }

        return [.. Fill(request, slots, budget, "race").Where(s => s.Date >= from && s.Date <= to)];
    }

    private static string Kind(PlanFocus focus, string phase, string role)
    {
        if (role is "long" or "easy" or "recovery")
        {
            return role;
        }

        if (phase is "post_race" || focus == PlanFocus.Recovery || (phase == "recovery" && role == "key2"))
        {
            return role == "key1" ? "easy" : "recovery";
        }

        if (phase == "taper")
        {
            return role == "key1" ? "sharpener" : focus == PlanFocus.AerobicBase ? "strides" : "vo2";
        }

        return (focus, role) switch
        {
            (PlanFocus.AerobicBase, "key1") => "tempo",
            (PlanFocus.AerobicBase, _) => "strides",
            (PlanFocus.Intensity, "key1") => "vo2",
            (PlanFocus.Intensity, _) => "micro",
            (PlanFocus.Specific, "key1") => "race_pace",
            (PlanFocus.Specific, _) => "vo2",
            _ => "tempo",
        };
    }

    /// <summary>Assigns sports, shares the week's time out by session kind, and writes each session's text.</summary>
    private static List<PlanSession> Fill(PlanRequest request, List<Slot> slots, int budget, string phase)
    {
        AssignSports(request.Sports, slots);
        var sessions = new List<PlanSession>();
        while (slots.Count > 0)
        {
            var weight = slots.Sum(s => Weight(s.Kind, s.Long));
            var durations = slots
                .Select(s => Clamp((int)(budget * Weight(s.Kind, s.Long) / weight), Minimum(s), Maximum(s)))
                .Select(d => d / (5 * Minute) * 5 * Minute)
                .ToList();
            if (durations.Sum() <= budget)
            {
                for (var i = 0; i < slots.Count; i++)
                {
                    var sport = request.Sports.First(p => p.Sport == slots[i].Sport);
                    sessions.Add(Write(slots[i], durations[i], sport, request.Focus, phase));
                }

                break;
            }

            // Too little time for every session at its minimum: drop the least important one and share again.
            var drop = slots.OrderBy(s => Priority(s.Kind)).ThenByDescending(s => s.Index).ThenByDescending(s => s.Date).First();
            slots.Remove(drop);
        }

        return [.. sessions.OrderBy(s => s.Date).ThenBy(s => s.Slot)];
    }

    /// <summary>The primary sport takes the long and first key session; the rest go where the sport's share is least met.</summary>
    private static void AssignSports(IReadOnlyList<PlanSport> sports, List<Slot> slots)
    {
        var counts = sports.ToDictionary(s => s.Sport, _ => 0.0);
        var primary = sports[0].Sport;
        var secondary = sports.Count > 1 ? sports[1].Sport : primary;
        foreach (var slot in slots.Where(s => s.Long || s.Kind is "tempo" or "vo2" or "race_pace" or "sharpener" or "openers"))
        {
            slot.Sport = primary;
            counts[primary]++;
        }

        foreach (var slot in slots.Where(s => s.Sport is null && s.Kind is "strides" or "micro"))
        {
            slot.Sport = secondary;
            counts[secondary]++;
        }

        var total = slots.Count;
        foreach (var slot in slots.Where(s => s.Sport is null).OrderBy(s => s.Index))
        {
            var taken = slots.Where(o => o != slot && o.Date == slot.Date && o.Sport is not null).Select(o => o.Sport).ToHashSet();
            var pick = sports.Where(s => !taken.Contains(s.Sport)).DefaultIfEmpty(sports[0])
                .OrderByDescending(s => (s.Share * total) - counts[s.Sport]).First().Sport;
            slot.Sport = pick;
            counts[pick]++;
        }
    }

    private static double Weight(string kind, bool isLong) => isLong ? 1.8 : kind switch
    {
        "recovery" => 0.55,
        "openers" => 0.5,
        "easy" or "strides" => 0.9,
        _ => 1.0,
    };

    private static int Priority(string kind) => kind switch
    {
        "recovery" => 0,
        "easy" => 1,
        "strides" => 2,
        "micro" => 3,
        _ => 4,
    };

    private static int Minimum(Slot slot) => slot.Kind is "openers" or "recovery" || slot.Sport == "Swim" ? 30 * Minute : 40 * Minute;

    private static int Maximum(Slot slot) => (slot.Sport, slot.Long, slot.Kind) switch
    {
        ("Swim", true, _) => 75 * Minute,
        ("Swim", _, _) => 60 * Minute,
        ("Run", true, _) => 150 * Minute,
        ("Run", _, "recovery" or "openers") => 40 * Minute,
        ("Run", _, "easy" or "strides") => 75 * Minute,
        ("Run", _, _) => 75 * Minute,
        (_, true, _) => 300 * Minute,
        (_, _, "recovery" or "openers") => 60 * Minute,
        (_, _, "easy" or "strides") => 150 * Minute,
        _ => 105 * Minute,
    };

    private static int Clamp(int value, int min, int max) => Math.Max(min, Math.Min(max, value));

    private static PlanSession Write(Slot slot, int duration, PlanSport sport, PlanFocus focus, string phase)
    {
        var s = new Sketch(sport.Sport, sport.Context);
        var warm = sport.Sport == "Swim" ? 10 * Minute : 15 * Minute;
        var cool = sport.Sport == "Swim" ? 5 * Minute : 10 * Minute;
        string kind = slot.Kind;
        if (slot.Long)
        {
            s.Remark(focus == PlanFocus.Specific && phase == "build"
                ? "long session with race-pace blocks; fuel as on race day"
                : "long steady endurance for aerobic durability; conversational effort");
            var tempo = focus == PlanFocus.Specific && phase == "build"
                ? Repeats(duration - warm - cool - (20 * Minute), (sport.Sport == "Ride" ? 20 : 10) * Minute, (sport.Sport == "Ride" ? 10 : 5) * Minute, 2, 3)
                : 0;
            s.Warmup(warm);
            if (tempo > 0)
            {
                var work = (sport.Sport == "Ride" ? 20 : 10) * Minute;
                var rest = (sport.Sport == "Ride" ? 10 : 5) * Minute;
                s.Section("Endurance");
                s.Step(duration - warm - cool - (tempo * (work + rest)), Effort.Endurance);
                s.Repeat("Race Pace", tempo, (work, Effort.Tempo), (rest, Effort.Endurance));
            }
            else
            {
                s.Section("Main Set");
                s.Step(duration - warm - cool, Effort.Endurance);
            }

            s.Section("Cooldown");
            s.Step(cool, Effort.Recovery);
            return Session(slot, sport.Sport, "long", "Long " + Noun(sport.Sport), s);
        }

        var interval = kind switch
        {
            "tempo" => Pattern(sport.Sport, "tempo"),
            "vo2" => Pattern(sport.Sport, "vo2"),
            "micro" => Pattern(sport.Sport, "micro"),
            "race_pace" => Pattern(sport.Sport, "race_pace"),
            "sharpener" => Pattern(sport.Sport, "sharpener"),
            _ => null,
        };
        if (interval is { } p)
        {
            var reps = Repeats(duration - warm - cool, p.Work, p.Rest, p.MinReps, p.MaxReps);
            if (kind == "vo2" && phase == "taper")
            {
                reps = Math.Min(reps, p.MinReps);
            }

            if (reps > 0)
            {
                s.Remark(p.Purpose);
                s.Warmup(warm);
                s.Repeat("Main Set", reps, (p.Work, p.WorkEffort), (p.Rest, p.RestEffort));
                var left = duration - warm - (reps * (p.Work + p.Rest));
                if (left - cool >= 10 * Minute)
                {
                    s.Section("Endurance");
                    s.Step(left - cool, Effort.Endurance);
                    left = cool;
                }

                s.Section("Cooldown");
                s.Step(left, Effort.Recovery);
                return Session(slot, sport.Sport, kind, p.Name + " " + Noun(sport.Sport), s);
            }

            kind = "easy";
        }

        switch (kind)
        {
            case "openers":
                s.Remark("openers the day before the race: short, sharp, then rest");
                var easy = duration - (10 * Minute) - (3 * 3 * Minute);
                s.Section("Warmup");
                s.Step(10 * Minute, Effort.Endurance);
                s.Repeat("Openers", 3, (Minute, Effort.Threshold), (2 * Minute, Effort.Recovery));
                s.Section("Cooldown");
                s.Step(easy, Effort.Recovery);
                return Session(slot, sport.Sport, kind, "Openers " + Noun(sport.Sport), s);
            case "strides":
                var (burst, ease, reps) = sport.Sport switch
                {
                    "Swim" => (25, 35, 6),
                    "Run" => (20, 100, 6),
                    _ => (15, 165, 5),
                };
                var main = duration - (reps * (burst + ease)) - (5 * Minute);
                if (main >= 20 * Minute)
                {
                    s.Remark("easy aerobic volume with short fast bursts for economy; stay relaxed");
                    s.Section("Main Set");
                    s.Step(main, Effort.Endurance);
                    s.Repeat(sport.Sport == "Run" ? "Strides" : "Sprints", reps, (burst, Effort.Sprint), (ease, Effort.Recovery));
                    s.Section("Cooldown");
                    s.Step(5 * Minute, Effort.Recovery);
                    return Session(slot, sport.Sport, kind, (sport.Sport == "Run" ? "Easy " : "Endurance ") + Noun(sport.Sport) + (sport.Sport == "Run" ? " with Strides" : " with Sprints"), s);
                }

                goto default;
            case "recovery":
                s.Remark("active recovery: very easy, as short as it feels right");
                s.Step(duration, Effort.Recovery);
                return Session(slot, sport.Sport, "recovery", "Recovery " + Noun(sport.Sport), s);
            default:
                s.Remark("easy aerobic volume; keep it conversational");
                if (duration >= 45 * Minute)
                {
                    s.Warmup(10 * Minute);
                    s.Section("Main Set");
                    s.Step(duration - (15 * Minute), Effort.Endurance);
                    s.Section("Cooldown");
                    s.Step(5 * Minute, Effort.Recovery);
                }
                else
                {
                    s.Step(duration, Effort.Endurance);
                }

                return Session(slot, sport.Sport, "easy", (sport.Sport == "Run" ? "Easy " : "Endurance ") + Noun(sport.Sport), s);
        }
    }

    private static string Noun(string sport) => sport switch
    {
        "Run" => "Run",
        "Swim" => "Swim",
        _ => "Ride",
    };

    private static int Repeats(int room, int work, int rest, int min, int max)
    {
        if (room <= 0)
        {
            return 0;
        }

        var reps = Math.Min(max, room / (work + rest));
        return reps >= min ? reps : 0;
    }

    private static IntervalPattern Pattern(string sport, string kind) => (sport, kind) switch
    {
        ("Ride", "tempo") => new("Sweet Spot", 12 * Minute, 5 * Minute, 2, 4, Effort.SweetSpot, Effort.Endurance,
            "sustained sub-threshold work to raise aerobic power"),
        ("Ride", "vo2") => new("VO2max", 4 * Minute, 4 * Minute, 3, 6, Effort.Vo2, Effort.Recovery, "VO2max stimulus: hard, even reps"),
        ("Ride", "micro") => new("Microburst", 30, 30, 10, 20, Effort.Vo2, Effort.Recovery, "short VO2max bursts: 30 s hard, 30 s easy"),
        ("Ride", "race_pace") => new("Race-Pace", 15 * Minute, 5 * Minute, 2, 3, Effort.Threshold, Effort.Endurance, "race-specific sustained power"),
        ("Ride", _) => new("Sharpener", 3 * Minute, 3 * Minute, 2, 3, Effort.Threshold, Effort.Recovery, "keep the intensity while the volume drops"),
        ("Run", "tempo") => new("Tempo", 10 * Minute, 3 * Minute, 2, 3, Effort.Tempo, Effort.Endurance, "sustained sub-threshold running to raise aerobic speed"),
        ("Run", "vo2") => new("VO2max", 3 * Minute, 2 * Minute, 4, 6, Effort.Vo2, Effort.Recovery, "VO2max stimulus: hard, even reps"),
        ("Run", "micro") => new("Microburst", 30, 30, 10, 16, Effort.Vo2, Effort.Recovery, "short VO2max bursts: 30 s fast, 30 s jog"),
        ("Run", "race_pace") => new("Race-Pace", 10 * Minute, 3 * Minute, 2, 3, Effort.Threshold, Effort.Recovery, "race-specific pace"),
        ("Run", _) => new("Sharpener", 3 * Minute, 2 * Minute, 2, 3, Effort.Threshold, Effort.Recovery, "keep the intensity while the volume drops"),
        (_, "tempo") => new("Tempo", 4 * Minute, Minute, 3, 6, Effort.Tempo, Effort.Recovery, "sustained aerobic swimming"),
        (_, "vo2") => new("VO2max", Minute, 30, 6, 10, Effort.Vo2, Effort.Recovery, "VO2max stimulus: fast, even reps"),
        (_, "micro") => new("Microburst", 30, 30, 8, 16, Effort.Vo2, Effort.Recovery, "short fast reps: 30 s fast, 30 s easy"),
        (_, "race_pace") => new("Race-Pace", 5 * Minute, Minute, 3, 5, Effort.Threshold, Effort.Recovery, "race-specific pace"),
        _ => new("Sharpener", 2 * Minute, Minute, 2, 4, Effort.Threshold, Effort.Recovery, "keep the intensity while the volume drops"),
    };

    private static PlanSession Session(Slot slot, string sport, string kind, string name, Sketch s) =>
        new(slot.Date, slot.Index, sport, kind, name, s.Text, s.Seconds, s.Low, s.Moderate, s.High);

    /// <summary>Step intensities, by how the plan's targets are written for each sport.</summary>
    private enum Effort
    {
        Recovery,
        Endurance,
        Tempo,
        SweetSpot,
        Threshold,
        Vo2,
        Sprint,
    }

    private sealed record IntervalPattern(string Name, int Work, int Rest, int MinReps, int MaxReps, Effort WorkEffort, Effort RestEffort, string Purpose);

    private sealed class Slot(DateOnly date, string kind, bool isLong, int index)
    {
        public DateOnly Date { get; } = date;

        /// <summary>0 for the day's first session, 1 for a second (multisport doubles).</summary>
        public int Index { get; } = index;

        public string Kind { get; } = kind;

        public bool Long { get; } = isLong;

        public string? Sport { get; set; }
    }

    /// <summary>Writes Workout Builder text while counting seconds per intensity zone.</summary>
    private sealed class Sketch(string sport, WorkoutContext context)
    {
        private readonly StringBuilder text = new();

        public int Seconds { get; private set; }

        public int Low { get; private set; }

        public int Moderate { get; private set; }

        public int High { get; private set; }

        public string Text => text.ToString().TrimEnd('\n');

        public void Remark(string purpose) => text.Append("- Purpose: ").Append(purpose).Append('\n');

        public void Section(string header)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(header).Append('\n');
        }

        public void Warmup(int secs)
        {
            Section("Warmup");
            if (sport == "Ride")
            {
                text.Append("- ").Append(Duration(secs)).Append(" ramp 50%-70%\n");
                Count(secs, Effort.Recovery);
            }
            else
            {
                Step(secs, Effort.Recovery);
            }
        }

        public void Step(int secs, Effort effort)
        {
            text.Append("- ").Append(Duration(secs)).Append(' ').Append(Target(effort)).Append('\n');
            Count(secs, effort);
        }

        public void Repeat(string header, int reps, params (int Secs, Effort Effort)[] steps)
        {
            Section(string.Create(CultureInfo.InvariantCulture, $"{header} {reps}x"));
            foreach (var (secs, effort) in steps)
            {
                text.Append("- ").Append(Duration(secs)).Append(' ').Append(Target(effort)).Append('\n');
                for (var i = 0; i < reps; i++)
                {
                    Count(secs, effort);
                }
            }
        }

        private void Count(int secs, Effort effort)
        {
            Seconds += secs;
            switch (effort)
            {
                case Effort.Recovery or Effort.Endurance:
                    Low += secs;
                    break;
                case Effort.Tempo or Effort.SweetSpot or Effort.Threshold:
                    Moderate += secs;
                    break;
                default:
                    High += secs;
                    break;
            }
        }

        private string Target(Effort effort)
        {
            if (sport == "Ride")
            {
                return effort switch
                {
                    Effort.Recovery => "50-55%",
                    Effort.Endurance => "65-75%",
                    Effort.Tempo => "76-87%",
                    Effort.SweetSpot => "88-93%",
                    Effort.Threshold => "95-100%",
                    Effort.Vo2 => "106-115%",
                    _ => "130-150%",
                };
            }

            // Runs and swims always name the target type (a bare zone would be read as power). Easy running is steered
            // by heart rate when an LTHR is known; work is steered by pace when a threshold pace is known.
            var pace = context.ThresholdPaceSecsPerKm is not null || sport == "Swim";
            var hr = sport != "Swim" && (context.LthrBpm is not null || !pace);
            return effort switch
            {
                Effort.Recovery => hr ? "Z1 HR" : "Z1 Pace",
                Effort.Endurance => hr ? "Z2 HR" : "Z2 Pace",
                Effort.Tempo => pace ? "84-88% Pace" : "Z3 HR",
                Effort.SweetSpot => pace ? "88-92% Pace" : "Z3 HR",
                Effort.Threshold => pace ? "96-100% Pace" : "Z4 HR",
                Effort.Vo2 => pace ? "104-108% Pace" : "Z5 HR",
                _ => pace ? "110-120% Pace" : "Z5 HR",
            };
        }

        private static string Duration(int secs)
        {
            var h = secs / 3600;
            var m = secs % 3600 / 60;
            var s = secs % 60;
            var text = new StringBuilder();
            if (h > 0)
            {
                text.Append(h.ToString(CultureInfo.InvariantCulture)).Append('h');
            }

            if (m > 0)
            {
                text.Append(m.ToString(CultureInfo.InvariantCulture)).Append('m');
            }

            if (s > 0)
            {
                text.Append(s.ToString(CultureInfo.InvariantCulture)).Append('s');
            }

            return text.ToString();
        }
    }
}
