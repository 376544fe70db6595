using System.Globalization;
using System.Text.Json;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;
using IcuSync.Workouts;

namespace IcuSync.Server.Coaching;

/// <summary>A rule finding of the workout checker: stable code, severity, 1-based line (when it concerns one line), message and fix.</summary>
public sealed record WorkoutFindingRow(string Code, string Severity, int? Line, string Message, string? Fix);

/// <summary>
/// What IcuSync.Workouts computes from a workout's Workout Builder text, with the athlete's current thresholds:
/// duration (s, repeats expanded), distance, estimated load and IF, and the rule findings.
/// </summary>
public sealed record WorkoutCheck(
    int Steps,
    int DurationS,
    bool? DurationEstimated,
    double? DistanceKm,
    int? Load,
    double? If,
    string? Target,
    IReadOnlyList<WorkoutFindingRow>? Findings);

/// <summary>
/// One calendar item. Dates are athlete-local; <see cref="EndDate"/> is the last day of a multi-day item (inclusive).
/// Planned duration (s), distance (km), load and intensity (% of threshold) are Intervals.icu's own numbers for the event.
/// </summary>
public sealed record CalendarEventRow(
    long Id,
    string Date,
    string? Time,
    string? EndDate,
    string Category,
    string? Name,
    string? Sport,
    int? DurationS,
    double? DistanceKm,
    int? Load,
    double? IntensityPct,
    bool? Indoor,
    string? Description,
    WorkoutCheck? Workout,
    string? PairedActivityId,
    IReadOnlyList<string>? Tags,
    string? Note);

/// <summary>Totals of the planned workouts in a range.</summary>
public sealed record PlannedTotals(int Workouts, int DurationS, double DistanceKm, int Load, int? Races, int? Notes);

/// <summary>Reads the athlete's calendar and checks planned workouts with IcuSync.Workouts.</summary>
public sealed class CalendarEvents(IntervalsReads reads, AthleteProfiles profiles)
{
    /// <summary>The longest description returned per event; longer texts are cut (the full text is on Intervals.icu).</summary>
    public const int MaxDescriptionChars = 1500;

    /// <summary>The Intervals.icu event categories a caller may filter on.</summary>
    public static IReadOnlyList<string> Categories { get; } =
    [
        "WORKOUT", "RACE_A", "RACE_B", "RACE_C", "NOTE", "PLAN", "HOLIDAY", "SICK", "INJURED",
        "SET_EFTP", "FITNESS_DAYS", "SEASON_START", "TARGET", "SET_FITNESS",
    ];

    /// <summary>
    /// Parses a comma-separated category filter (case-insensitive; <c>RACE</c> means all three race priorities).
    /// Null or blank means every category.
    /// </summary>
    public static IReadOnlySet<string>? ParseCategories(string? value, string argument = "category")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var upper = part.ToUpperInvariant();
            if (upper is "RACE" or "RACES")
            {
                set.UnionWith(["RACE_A", "RACE_B", "RACE_C"]);
            }
            else if (upper is "WORKOUTS" or "NOTES")
            {
                set.Add(upper[..^1]);
            }
            else if (Categories.Contains(upper))
            {
                set.Add(upper);
            }
            else
            {
                throw ToolFailure.BadArgument(argument, "one or more of " + string.Join(", ", Categories) + " (comma-separated; RACE means RACE_A,RACE_B,RACE_C)",
                    $"got '{ToolArguments.Shorten(part)}'");
            }
        }

        return set;
    }

    public async Task<IReadOnlyList<CalendarEventRow>> ListAsync(AthleteScope scope, DateRange range, IReadOnlySet<string>? categories, CancellationToken ct)
    {
        var events = (await reads.ListEventsAsync(scope.Credential, scope.AthleteId, range.Start, range.End, ct))
            .Where(e => categories is null || (e.Category is { } c && categories.Contains(c)))
            .OrderBy(e => e.StartDateLocal)
            .ThenBy(e => e.Id)
            .ToList();
        IReadOnlyList<SportSettingsDto> settings = [];
        if (events.Any(e => e.Category == EventDto.WorkoutCategory && !string.IsNullOrWhiteSpace(e.Description)))
        {
            (_, settings) = await profiles.GetAsync(scope.Credential, scope.AthleteId, ct);
        }

        return [.. events.Select(e => ToRow(e, settings))];
    }

    public static PlannedTotals Totals(IReadOnlyList<CalendarEventRow> rows)
    {
        var workouts = rows.Where(r => r.Category == EventDto.WorkoutCategory).ToList();
        var races = rows.Count(r => r.Category.StartsWith("RACE", StringComparison.Ordinal));
        var notes = rows.Count(r => r.Category == EventDto.NoteCategory);
        return new PlannedTotals(
            workouts.Count,
            workouts.Sum(w => w.DurationS ?? w.Workout?.DurationS ?? 0),
            Math.Round(workouts.Sum(w => w.DistanceKm ?? w.Workout?.DistanceKm ?? 0), 1),
            workouts.Sum(w => w.Load ?? w.Workout?.Load ?? 0),
            races > 0 ? races : null,
            notes > 0 ? notes : null);
    }

    /// <summary>Checks a workout text against the athlete's thresholds for its sport; null when the text holds no Workout Builder steps.</summary>
    public static WorkoutCheck? Check(string? description, string? sport, IReadOnlyList<SportSettingsDto> settings)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var type = string.IsNullOrWhiteSpace(sport) ? "Ride" : sport;
        var thresholds = AthleteProfiles.For(settings, type);
        var context = new WorkoutContext(
            type,
            thresholds?.Ftp,
            thresholds?.ThresholdPace is > 0 and var pace ? (double?)(1000 / pace) : null,
            thresholds?.Lthr);
        var analysis = WorkoutText.Analyze(description, context);
        if (analysis.StepCount == 0)
        {
            return null;
        }

        var findings = analysis.Findings
            .Select(f => new WorkoutFindingRow(f.Code, f.Severity == RuleSeverity.Error ? "error" : "warning", f.Line > 0 ? f.Line : null, f.Message, f.Fix))
            .ToList();
        return new WorkoutCheck(
            analysis.StepCount,
            analysis.DurationSecs,
            analysis.DurationIsEstimated ? true : null,
            analysis.DistanceMeters > 0 ? Math.Round(analysis.DistanceMeters / 1000, 2) : null,
            analysis.EstimatedLoad is { } load ? (int)Math.Round(load) : null,
            analysis.IntensityFactor is { } intensity ? Math.Round(intensity, 2) : null,
            analysis.TargetType,
            findings.Count > 0 ? findings : null);
    }

    private static CalendarEventRow ToRow(EventDto e, IReadOnlyList<SportSettingsDto> settings)
    {
        var start = e.StartDateLocal ?? DateTime.MinValue;
        var day = DateOnly.FromDateTime(start);
        var isWorkout = e.Category == EventDto.WorkoutCategory;
        string? endDate = null;
        if (e.EndDateLocal is { } end)
        {
            // A one-day item ends at the next midnight; the last day of a longer one is the day before its end midnight.
            var last = DateOnly.FromDateTime(end.TimeOfDay == TimeSpan.Zero ? end.AddDays(-1) : end);
            endDate = last > day ? DateRange.Format(last) : null;
        }

        var check = isWorkout ? Check(e.Description, e.Type, settings) : null;
        string? note = null;
        if (isWorkout && check is null)
        {
            note = string.IsNullOrWhiteSpace(e.Description)
                ? "No workout text: Intervals.icu holds no structured steps for this workout."
                : "Free-text workout: the description has no Workout Builder steps, so Intervals.icu stores no structure and no computed load for it.";
        }
        else if (check is not null && DocSteps(e.WorkoutDoc) == 0)
        {
            note = "Intervals.icu parsed no steps from this text (its workout_doc is empty); check the findings and edit the workout.";
        }

        var docDuration = DocNumber(e.WorkoutDoc, "duration");
        var description = e.Description is { Length: > MaxDescriptionChars } text ? text[..MaxDescriptionChars] + "…" : e.Description;
        return new CalendarEventRow(
            e.Id ?? 0,
            DateRange.Format(day),
            start.TimeOfDay == TimeSpan.Zero ? null : start.ToString("HH:mm", CultureInfo.InvariantCulture),
            endDate,
            e.Category ?? "UNKNOWN",
            e.Name,
            e.Type,
            e.MovingTime is > 0 ? e.MovingTime : docDuration is > 0 ? (int?)(int)docDuration.Value : null,
            Units.Km(e.Distance),
            e.TrainingLoad,
            e.Intensity is > 0 ? Math.Round(e.Intensity.Value, 1) : null,
            e.Indoor == true ? true : null,
            string.IsNullOrWhiteSpace(description) ? null : description,
            check,
            e.PairedActivityId,
            e.Tags is { Count: > 0 } ? e.Tags : null,
            note);
    }

    private static int? DocSteps(JsonElement? doc) =>
        doc is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("steps", out var steps) && steps.ValueKind == JsonValueKind.Array
            ? steps.GetArrayLength()
            : null;

    private static double? DocNumber(JsonElement? doc, string name) =>
        doc is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;
}
