using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;
using IcuSync.Workouts;

namespace IcuSync.Server.Coaching;

/// <summary>A rule finding as tools return it: the stable code, where, what, and the fix.</summary>
/// <param name="Code">Rule code (W0xx errors block writes, W1xx warnings).</param>
/// <param name="Line">1-based line in the description, or 0 for the whole workout (or the name).</param>
/// <param name="Column">1-based column, when known.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Fix">The corrected line or a concrete instruction.</param>
/// <param name="Field">The argument the finding is about (<c>description</c>, <c>name</c>, <c>duration</c>, <c>date</c>).</param>
public sealed record RuleIssue(string Code, int Line, int? Column, string Message, string? Fix, string Field);

/// <summary>One block of a parsed workout: its header, repeat count and steps in canonical form.</summary>
/// <param name="Header">Section or repeat header (<c>Main Set 3x</c>); null for loose steps.</param>
/// <param name="Reps">How many times the block runs.</param>
/// <param name="DurationS">Total seconds of the block, repeats included; null when it has distance steps.</param>
/// <param name="DistanceKm">Total km of the block's distance steps, repeats included.</param>
/// <param name="Steps">The steps of one repetition, canonical Workout Builder text.</param>
public sealed record StepBlock(string? Header, int Reps, int? DurationS, double? DistanceKm, IReadOnlyList<string> Steps);

/// <summary>Exactly what a write would put on the calendar, with the totals IcuSync computed from the text.</summary>
/// <param name="Date">Athlete-local date.</param>
/// <param name="Name">Event name.</param>
/// <param name="Category"><c>WORKOUT</c> or <c>NOTE</c>.</param>
/// <param name="Sport">Activity type; null for notes.</param>
/// <param name="DurationS">Computed total seconds (repeats expanded).</param>
/// <param name="Duration">The same as h:mm:ss.</param>
/// <param name="DeclaredDurationS">The duration the caller declared (only checked against the steps, rule W102).</param>
/// <param name="DurationEstimated">True when distance steps were timed from the threshold pace.</param>
/// <param name="DistanceKm">Total distance of distance steps.</param>
/// <param name="Load">Estimated training load (hours × IF² × 100).</param>
/// <param name="IntensityFactor">Estimated IF (0.82 = 82 % of threshold).</param>
/// <param name="NormalizedPowerW">Estimated NP for power workouts.</param>
/// <param name="Target"><c>POWER</c>, <c>HR</c> or <c>PACE</c>.</param>
/// <param name="StepCount">Steps with repeats expanded.</param>
/// <param name="Steps">The parsed blocks.</param>
/// <param name="Text">The description that is written (canonical Workout Builder text for workouts).</param>
/// <param name="Thresholds">The thresholds the totals used (e.g. <c>FTP 250 W</c>).</param>
public sealed record WorkoutPreview(
    string Date,
    string Name,
    string Category,
    string? Sport,
    int? DurationS,
    string? Duration,
    int? DeclaredDurationS,
    bool? DurationEstimated,
    double? DistanceKm,
    int? Load,
    double? IntensityFactor,
    int? NormalizedPowerW,
    string? Target,
    int? StepCount,
    IReadOnlyList<StepBlock>? Steps,
    string Text,
    string? Thresholds);

/// <summary>A calendar event as the write tools list it (ids first, so it can be named in the next call).</summary>
/// <param name="Id">Event id.</param>
/// <param name="Date">Athlete-local date.</param>
/// <param name="Category"><c>WORKOUT</c>, <c>NOTE</c>, <c>RACE_A</c>…</param>
/// <param name="Sport">Activity type.</param>
/// <param name="Name">Name.</param>
/// <param name="DurationS">Planned seconds.</param>
/// <param name="Load">Planned load.</param>
/// <param name="PairedActivityId">The completed activity matched to this planned workout, when there is one.</param>
/// <param name="ExternalId">The caller-chosen id (IcuSync's pushes carry <c>icusync-…</c>).</param>
public sealed record PlannedEventRow(long Id, string Date, string Category, string? Sport, string? Name, int? DurationS, int? Load, string? PairedActivityId, string? ExternalId);

/// <summary>Whether Intervals.icu parsed the written text into the workout IcuSync computed.</summary>
/// <param name="Ok">True when steps were parsed and the duration matches within tolerance.</param>
/// <param name="StepsParsed">Top-level steps in Intervals.icu's workout_doc.</param>
/// <param name="IcuDurationS">The duration Intervals.icu computed.</param>
/// <param name="ExpectedDurationS">The duration IcuSync computed.</param>
/// <param name="ToleranceS">The allowed difference.</param>
/// <param name="Problem">What did not match, and what to do.</param>
public sealed record ParseCheck(bool Ok, int StepsParsed, int? IcuDurationS, int ExpectedDurationS, int ToleranceS, string? Problem);

/// <summary>A checked workout or note, ready to preview or write.</summary>
/// <param name="Preview">What would be written.</param>
/// <param name="Errors">Rule errors: the write is refused while any is present.</param>
/// <param name="Warnings">Accepted but probably unintended (incl. the duration trap W102).</param>
/// <param name="Analysis">The workout analysis; null for notes.</param>
public sealed record WorkoutDraft(WorkoutPreview Preview, IReadOnlyList<RuleIssue> Errors, IReadOnlyList<RuleIssue> Warnings, WorkoutAnalysis? Analysis)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// A new workout or note for the calendar, checked and identified: what the create paths (push_workout and
/// modify_training's create) preview, bind their confirm code to, and write.
/// </summary>
/// <param name="Day">Athlete-local date.</param>
/// <param name="Name">Event name.</param>
/// <param name="Category"><c>WORKOUT</c> or <c>NOTE</c>.</param>
/// <param name="Sport">Activity type; null for notes.</param>
/// <param name="DeclaredSecs">The duration the caller declared, if any.</param>
/// <param name="Draft">The checked text and its preview.</param>
/// <param name="ExternalId">The deterministic external id (see <see cref="PlannedWorkouts.ExternalId"/>).</param>
public sealed record NewCalendarEntry(DateOnly Day, string Name, string Category, string? Sport, int? DeclaredSecs, WorkoutDraft Draft, string ExternalId)
{
    public WorkoutPreview Preview => Draft.Preview;

    /// <summary>An entry for <paramref name="athleteId"/> with its external id derived from the checked text.</summary>
    public static NewCalendarEntry For(string athleteId, DateOnly day, string name, string category, string? sport, int? declaredSecs, WorkoutDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new(day, name, category, sport, declaredSecs, draft, PlannedWorkouts.ExternalId(athleteId, day, name, draft.Preview.Text));
    }

    /// <summary>
    /// The canonical form a confirm code is bound to: every field that reaches the calendar, so a code confirms
    /// exactly this entry. <paramref name="action"/> prefixes it for tools with several actions.
    /// </summary>
    public string Canonical(string? action = null)
    {
        var text = new StringBuilder();
        if (action is not null)
        {
            text.Append("action=").Append(action).Append('\n');
        }

        return text
            .Append("date=").Append(Preview.Date)
            .Append("\ncategory=").Append(Category)
            .Append("\nsport=").Append(Sport)
            .Append("\nname=").Append(Name)
            .Append("\ndeclared_duration_s=").Append(DeclaredSecs?.ToString(CultureInfo.InvariantCulture))
            .Append("\nexternal_id=").Append(ExternalId)
            .Append("\ntext=\n").Append(Preview.Text)
            .ToString();
    }

    /// <summary>The event sent to Intervals.icu.</summary>
    public EventDto ToEvent() => new()
    {
        Category = Category,
        StartDateLocal = Day.ToDateTime(TimeOnly.MinValue),
        Name = Name,
        Description = Preview.Text,
        Type = Sport,
        ExternalId = ExternalId,
    };
}

/// <summary>What a create wrote: the event as stored, <c>created</c>/<c>updated</c>/<c>unchanged</c>, and the parse check (null for notes).</summary>
/// <param name="Saved">The event as Intervals.icu holds it after the write.</param>
/// <param name="Outcome"><c>created</c>, <c>updated</c> or <c>unchanged</c>.</param>
/// <param name="Check">Whether Intervals.icu parsed the steps IcuSync computed; null for notes.</param>
public sealed record CreatedEntry(EventDto Saved, string Outcome, ParseCheck? Check)
{
    public long Id => Saved.Id ?? 0;
}

/// <summary>The outcome of finding the event a call names: one match, or candidates to choose from, or why none.</summary>
/// <param name="Match">The single event found.</param>
/// <param name="Candidates">Events to choose from when the lookup was ambiguous or found nothing writable.</param>
/// <param name="Problem">Why no single event was chosen, and what to pass instead.</param>
public sealed record EventLookup(EventDto? Match, IReadOnlyList<PlannedEventRow> Candidates, string? Problem);

/// <summary>
/// Planned workouts and notes on the athlete's calendar: checks workout text against the athlete's thresholds, finds
/// events by id or by date and a name fragment, writes them idempotently and verifies that Intervals.icu parsed them.
/// Reads made to decide a write bypass the cache; every write drops the athlete's cached reads.
/// </summary>
public sealed class PlannedWorkouts(IntervalsReads reads, AthleteProfiles profiles)
{
    public const string Workout = EventDto.WorkoutCategory;
    public const string Note = EventDto.NoteCategory;

    private IIntervalsClient Client => reads.Client;

    /// <summary>The workout context for <paramref name="sport"/> from the athlete's sport settings (FTP W, LTHR bpm, threshold pace s/km).</summary>
    public async Task<(WorkoutContext Context, string? Thresholds)> ContextAsync(AthleteScope scope, string sport, int? declaredSecs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var (_, settings) = await profiles.GetAsync(scope.Credential, scope.AthleteId, ct);
        var s = AthleteProfiles.For(settings, sport);
        double? paceSecsPerKm = s?.ThresholdPace is double speed && speed > 0 ? Math.Round(1000 / speed, 1) : null;
        var context = new WorkoutContext(sport, s?.Ftp, paceSecsPerKm, s?.Lthr, declaredSecs);
        var parts = new List<string>();
        if (s?.Ftp is { } ftp)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"FTP {ftp} W"));
        }

        if (s?.Lthr is { } lthr)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"LTHR {lthr} bpm"));
        }

        if (PaceUnits.Format(s?.ThresholdPace, s?.PaceUnits) is { } pace)
        {
            parts.Add("threshold pace " + pace);
        }

        return (context, parts.Count > 0 ? string.Join(", ", parts) : null);
    }

    /// <summary>Checks a workout (or note) for the calendar and computes its preview.</summary>
    public static WorkoutDraft Draft(DateOnly date, string name, string category, string? sport, string? description, WorkoutContext context, string? thresholds)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new List<RuleIssue>();
        var warnings = new List<RuleIssue>();
        foreach (var finding in WorkoutText.CheckEventName(name))
        {
            (finding.Severity == RuleSeverity.Error ? errors : warnings).Add(Issue(finding, "name"));
        }

        var day = DateRange.Format(date);
        if (category == Note)
        {
            var note = NormalizeNewlines(description ?? "").Trim();
            return new WorkoutDraft(
                new WorkoutPreview(day, name, Note, null, null, null, null, null, null, null, null, null, null, null, null, note, null),
                errors, warnings, null);
        }

        var analysis = WorkoutText.Analyze(description, context);
        foreach (var finding in analysis.Findings)
        {
            var field = finding.Code == RuleCodes.DeclaredDurationMismatch ? "duration" : "description";
            (finding.Severity == RuleSeverity.Error ? errors : warnings).Add(Issue(finding, field));
        }

        var blocks = analysis.Tree.Blocks
            .Where(b => b.Steps.Any())
            .Select(b =>
            {
                var steps = b.Steps.ToList();
                var timed = steps.All(s => s.Length?.Kind == StepLengthKind.Time);
                var meters = steps.Sum(s => s.Length?.Meters ?? 0) * b.Repeats;
                return new StepBlock(
                    b.Header,
                    b.Repeats,
                    timed ? steps.Sum(s => s.Length?.Seconds ?? 0) * b.Repeats : null,
                    meters > 0 ? Math.Round(meters / 1000, 2) : null,
                    [.. steps.Select(s => s.ToString())]);
            })
            .ToList();
        var preview = new WorkoutPreview(
            day,
            name,
            Workout,
            sport,
            analysis.DurationSecs,
            Units.Duration(analysis.DurationSecs),
            context.DeclaredDurationSecs,
            analysis.DurationIsEstimated ? true : null,
            Units.Km(analysis.DistanceMeters),
            analysis.EstimatedLoad is { } load ? (int)Math.Round(load) : null,
            Units.Round(analysis.IntensityFactor, 2),
            analysis.NormalizedPowerWatts is { } np ? (int)Math.Round(np) : null,
            analysis.TargetType,
            analysis.StepCount,
            blocks,
            analysis.Canonical,
            thresholds);
        return new WorkoutDraft(preview, errors, warnings, analysis);
    }

    /// <summary>
    /// The external id of a pushed workout: deterministic in athlete, date, name and the canonical text, so a retried
    /// push (or a second dry run + confirm of the same workout) updates the one event instead of adding another.
    /// </summary>
    public static string ExternalId(string athleteId, DateOnly date, string name, string text)
    {
        var key = string.Join('\u001f', athleteId, DateRange.Format(date), name.Trim(), text);
        return "icusync-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
    }

    /// <summary>Finds the event a call names: by id, or by date plus an optional name/description fragment.</summary>
    public async Task<EventLookup> FindAsync(AthleteScope scope, long? eventId, DateOnly? date, string? nameContains, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (eventId is { } id)
        {
            EventDto found;
            try
            {
                found = await Client.GetEventAsync(scope.Credential, scope.AthleteId, id, ct);
            }
            catch (IntervalsException error) when (error.Kind == IntervalsErrorKind.NotFound)
            {
                return new EventLookup(null, [], $"{scope.Athlete.Name} has no calendar event with id {id} (it may have been deleted already). " +
                    "Call get_events for the date range to see the current event ids.");
            }

            // Never trust that the event returned for an id is the scoped athlete's: with a coach credential (or an
            // upstream that ignores the athlete in the path) it may belong to someone else, and the next call would
            // change that athlete's calendar.
            if (await WhyNotOnCalendarAsync(scope, id, found, ct) is { } foreign)
            {
                return new EventLookup(null, [], foreign);
            }

            if (date is { } day && DateOf(found) != day)
            {
                return new EventLookup(null, [Row(found)],
                    $"Event {id} is on {DateRange.Format(DateOf(found))}, not {DateRange.Format(day)}. Pass only 'event_id', or the date it is on.");
            }

            return new EventLookup(found, [], null);
        }

        if (date is not { } on)
        {
            return new EventLookup(null, [], "Name the event with 'event_id' (from get_events), or with 'date' (YYYY-MM-DD) plus 'name_contains'.");
        }

        var events = await Client.ListEventsAsync(scope.Credential, scope.AthleteId, on, on, null, ct);
        var fragment = nameContains?.Trim();
        var matches = string.IsNullOrEmpty(fragment)
            ? events
            : [.. events.Where(e => Contains(e.Name, fragment) || Contains(e.Description, fragment))];
        if (matches.Count == 1)
        {
            return new EventLookup(matches[0], [], null);
        }

        var day2 = DateRange.Format(on);
        if (matches.Count > 1)
        {
            return new EventLookup(null, [.. matches.Select(Row)],
                $"{matches.Count} events on {day2} match{(string.IsNullOrEmpty(fragment) ? "" : $" '{fragment}'")}; IcuSync will not guess. " +
                "Call again with 'event_id' set to one of the candidate ids.");
        }

        // Nothing planned matches: say so plainly when the name belongs to a completed activity instead.
        var activities = await Client.ListActivitiesAsync(scope.Credential, scope.AthleteId, on, on, null, ct);
        var done = activities.FirstOrDefault(a => string.IsNullOrEmpty(fragment) || Contains(a.Name, fragment));
        if (done is not null && (events.Count == 0 || !string.IsNullOrEmpty(fragment)))
        {
            return new EventLookup(null, [.. events.Select(Row)],
                $"'{done.Name}' on {day2} is a completed activity ({done.Id}), not a planned calendar event. " +
                "IcuSync never edits or deletes completed activities; change them in Intervals.icu itself.");
        }

        return new EventLookup(null, [.. events.Select(Row)], events.Count == 0
            ? $"{scope.Athlete.Name} has no calendar events on {day2}. Check the date (athlete-local, today is {scope.Context.Today}) or call get_events."
            : $"No event on {day2} has '{fragment}' in its name or description. The events that day are listed as candidates; pass one's 'event_id'.");
    }

    /// <summary>
    /// Why <paramref name="found"/> (read by <paramref name="id"/>) is not on the scoped athlete's calendar, or null when
    /// it is: by the event's own athlete id, or, when the upstream leaves that out, by the athlete's events of its day.
    /// </summary>
    private async Task<string?> WhyNotOnCalendarAsync(AthleteScope scope, long id, EventDto found, CancellationToken ct)
    {
        bool onCalendar;
        if (!string.IsNullOrWhiteSpace(found.AthleteId))
        {
            onCalendar = string.Equals(found.AthleteId.Trim(), scope.AthleteId, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            var day = DateOf(found);
            onCalendar = found.Id == id && found.StartDateLocal is not null
                && (await Client.ListEventsAsync(scope.Credential, scope.AthleteId, day, day, null, ct)).Any(e => e.Id == id);
        }

        return onCalendar
            ? null
            : $"Event {id} is not on {scope.Athlete.Name}'s calendar, so IcuSync will not change it. " +
              $"Call get_events for {scope.Athlete.Name} to see the ids of their events, or name another athlete with 'athlete' if the event is theirs.";
    }

    /// <summary>
    /// Why this principal may not change <paramref name="e"/> with a workout tool, or null when it may: only planned
    /// workouts and notes, never races or other calendar entries, never a planned workout already completed, and not
    /// an event the coach locked for the athlete.
    /// </summary>
    public static string? WhyNotWritable(AthleteScope scope, EventDto e, string verb)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(e);
        var label = $"Event {e.Id} '{e.Name}' on {DateRange.Format(DateOf(e))}";
        var category = e.Category ?? "";
        if (category.StartsWith("RACE", StringComparison.OrdinalIgnoreCase))
        {
            return $"{label} is a race ({category}). IcuSync never {verb}s races; the athlete can change it in Intervals.icu.";
        }

        if (category != Workout && category != Note)
        {
            return $"{label} is a {category} entry. {verb}_workout works on planned workouts (WORKOUT) and notes (NOTE) only.";
        }

        if (e.PairedActivityId is { Length: > 0 } activity)
        {
            return $"{label} was already completed (matched to activity {activity}). IcuSync never {verb}s completed training; " +
                "plan a new workout instead, or change it in Intervals.icu.";
        }

        if (scope.Athlete.IsSelf && e.AthleteCannotEdit == true)
        {
            return $"{label} was locked by the coach (athlete cannot edit). Ask the coach to change it.";
        }

        return null;
    }

    /// <summary>
    /// Writes a new workout through the bulk upsert endpoint under its external id. If an event with that external id
    /// already holds exactly this content, nothing is sent and that event is returned (a retry after a lost response).
    /// Returns the event and <c>created</c>, <c>updated</c> (same external id, other content) or <c>unchanged</c>.
    /// </summary>
    public async Task<(EventDto Saved, string Outcome)> UpsertAsync(AthleteScope scope, EventDto item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(item);
        var day = DateOnly.FromDateTime(item.StartDateLocal!.Value);
        var existing = (await Client.ListEventsAsync(scope.Credential, scope.AthleteId, day, day, null, ct))
            .FirstOrDefault(e => e.ExternalId == item.ExternalId);
        if (existing is not null && existing.Name == item.Name && existing.Category == item.Category
            && existing.Type == item.Type && NormalizeNewlines(existing.Description ?? "") == NormalizeNewlines(item.Description ?? ""))
        {
            return (existing, "unchanged");
        }

        var saved = await Client.UpsertEventsAsync(scope.Credential, scope.AthleteId, [item], ct);
        await reads.InvalidateAthleteAsync(scope.AthleteId, ct);
        return (saved.Single(), existing is null ? "created" : "updated");
    }

    /// <summary>
    /// Writes a checked new entry idempotently (see <see cref="UpsertAsync"/>) and, for a workout, reads it back to
    /// check that Intervals.icu parsed the steps IcuSync computed.
    /// </summary>
    public async Task<CreatedEntry> CreateCheckedAsync(AthleteScope scope, NewCalendarEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (saved, outcome) = await UpsertAsync(scope, entry.ToEvent(), ct);
        ParseCheck? check = null;
        if (entry.Draft.Analysis is { } analysis)
        {
            (saved, check) = await VerifyAsync(scope, saved.Id ?? 0, analysis, ct);
        }

        return new CreatedEntry(saved, outcome, check);
    }

    /// <summary>Changes an event in place (PUT of its editable fields; never delete and recreate).</summary>
    public async Task<EventDto> UpdateAsync(AthleteScope scope, long eventId, EventDto changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var saved = await Client.UpdateEventAsync(scope.Credential, scope.AthleteId, eventId, changes, ct);
        await reads.InvalidateAthleteAsync(scope.AthleteId, ct);
        return saved;
    }

    /// <summary>Deletes one event by id (only that event, not others of its batch); returns true once a read-back no longer finds it.</summary>
    public async Task<bool> DeleteAsync(AthleteScope scope, long eventId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await Client.DeleteEventAsync(scope.Credential, scope.AthleteId, eventId, ct);
        await reads.InvalidateAthleteAsync(scope.AthleteId, ct);
        try
        {
            await Client.GetEventAsync(scope.Credential, scope.AthleteId, eventId, ct);
            return false;
        }
        catch (IntervalsException error) when (error.Kind == IntervalsErrorKind.NotFound)
        {
            return true;
        }
    }

    /// <summary>
    /// Reads the event back and checks Intervals.icu parsed steps and the duration IcuSync computed (within 2 % or
    /// 60 s; 10 % when distance steps were timed from pace), because Intervals.icu stores unparseable text silently.
    /// </summary>
    public async Task<(EventDto Event, ParseCheck Check)> VerifyAsync(AthleteScope scope, long eventId, WorkoutAnalysis analysis, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(analysis);
        var stored = await Client.GetEventAsync(scope.Credential, scope.AthleteId, eventId, ct);
        var expected = analysis.DurationSecs;
        var tolerance = (int)Math.Max(60, Math.Round(expected * (analysis.DurationIsEstimated ? 0.10 : 0.02)));
        var steps = 0;
        int? icuDuration = stored.MovingTime;
        if (stored.WorkoutDoc is { ValueKind: JsonValueKind.Object } doc)
        {
            if (doc.TryGetProperty("steps", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                steps = list.GetArrayLength();
            }

            if (doc.TryGetProperty("duration", out var d) && d.ValueKind == JsonValueKind.Number)
            {
                icuDuration = (int)Math.Round(d.GetDouble());
            }
        }

        string? problem = null;
        if (steps == 0)
        {
            problem = "Intervals.icu parsed NO steps from the text: the workout is on the calendar but empty (no structure, no load, nothing for a device). " +
                "Fix the description with edit_workout.";
        }
        else if (icuDuration is not { } got || Math.Abs(got - expected) > tolerance)
        {
            problem = $"Intervals.icu computed {Units.Duration(icuDuration)} but IcuSync computed {Units.Duration(expected)} from the same text. " +
                "Part of the text was read differently (check distance units: m is minutes, meters are mtr; and repeat blocks). Review the event and fix it with edit_workout.";
        }

        return (stored, new ParseCheck(problem is null, steps, icuDuration, expected, tolerance, problem));
    }

    /// <summary>The athlete-local date of an event.</summary>
    public static DateOnly DateOf(EventDto e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.StartDateLocal is { } start ? DateOnly.FromDateTime(start) : default;
    }

    public static PlannedEventRow Row(EventDto e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new PlannedEventRow(e.Id ?? 0, DateRange.Format(DateOf(e)), e.Category ?? "", e.Type, e.Name, e.MovingTime, e.TrainingLoad, e.PairedActivityId, e.ExternalId);
    }

    /// <summary>Parses a declared event duration written <c>H:MM</c> (e.g. <c>1:45</c>) into seconds.</summary>
    public static int? ParseDuration(string? value, string argument)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        var parts = text.Split(':');
        if (parts.Length is 2 or 3
            && parts.All(p => p.Length is >= 1 and <= 2 && p.All(char.IsAsciiDigit))
            && int.Parse(parts[0], CultureInfo.InvariantCulture) is var h and <= 24
            && int.Parse(parts[1], CultureInfo.InvariantCulture) is var m and < 60
            && (parts.Length == 2 || int.Parse(parts[2], CultureInfo.InvariantCulture) < 60))
        {
            var seconds = (h * 3600) + (m * 60) + (parts.Length == 3 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 0);
            if (seconds > 0)
            {
                return seconds;
            }
        }

        throw ToolFailure.BadArgument(argument, "the event's total duration as H:MM, e.g. 1:45 for 1 h 45 min or 0:45 for 45 min",
            $"got '{ToolArguments.Shorten(text)}'");
    }

    /// <summary>Unifies line breaks to <c>\n</c>.</summary>
    public static string NormalizeNewlines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static RuleIssue Issue(RuleFinding f, string field) =>
        new(f.Code, f.Line, f.Column > 0 ? f.Column : null, f.Message, f.Fix, field);

    private static bool Contains(string? text, string fragment) =>
        text is not null && text.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
