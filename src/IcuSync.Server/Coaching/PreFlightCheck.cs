using System.Globalization;
using System.Text;
using IcuSync.Workouts;

namespace IcuSync.Server.Coaching;

/// <summary>One line of the pre-flight checklist.</summary>
/// <param name="Check">The checklist item: <c>duration_syntax</c>, <c>target_syntax</c>, <c>structure</c>, <c>special_steps</c>,
/// <c>event_level</c>, <c>event_duration</c> or <c>dry_run_result</c>.</param>
/// <param name="Status"><c>pass</c>, <c>fail</c> (blocks the write), <c>warn</c> (accepted, probably unintended) or <c>n/a</c>.</param>
/// <param name="Detail">What was found: rule codes with lines, or the compared durations.</param>
public sealed record PreFlightLine(string Check, string Status, string? Detail);

/// <summary>
/// The pre-submission checklist an assistant runs before writing a workout (the seed's PRE-FLIGHT CHECK), filled from the
/// IcuSync.Workouts rule findings: one line per item, each with its status and the codes behind it.
/// </summary>
public static class PreFlightCheck
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Warn = "warn";
    public const string NotApplicable = "n/a";

    public const string DryRunResult = "dry_run_result";

    /// <summary>The checklist items in order, with the rule codes each covers.</summary>
    private static readonly (string Check, string[] Codes)[] Items =
    [
        ("duration_syntax", [RuleCodes.UnitWordInDuration, RuleCodes.ColonDurationInStep, RuleCodes.MinutesThatAreMeters]),
        ("target_syntax", [RuleCodes.TargetWithoutUnit, RuleCodes.ZoneWithoutHrOrPace, RuleCodes.RangeSeparator, RuleCodes.CadenceFormat, RuleCodes.PercentWithoutTargetType]),
        ("structure", [RuleCodes.StepWithoutDash, RuleCodes.StepWithoutDuration, RuleCodes.NestedRepeats, RuleCodes.RampCapitalised,
            RuleCodes.RampWithoutPercent, RuleCodes.NoSteps, RuleCodes.RepeatWithoutBlankLines]),
        ("special_steps", [RuleCodes.FreeRideSpelling, RuleCodes.PressLapCase, RuleCodes.TimedPromptFormat]),
        ("event_level", [RuleCodes.MarkdownHeader, RuleCodes.NameContainsWorkoutSyntax]),
        ("event_duration", [RuleCodes.DeclaredDurationMismatch, RuleCodes.DistanceNotEstimable]),
    ];

    /// <summary>
    /// Builds the checklist for a workout or note about to be written.
    /// </summary>
    /// <param name="errors">Findings that block the write.</param>
    /// <param name="warnings">Findings that do not block it (including errors already in an event that the edit leaves untouched).</param>
    /// <param name="textChecked">False when there is no workout text to check (notes): the syntax items are n/a.</param>
    /// <param name="declaredSecs">The <c>new_duration</c> given, seconds.</param>
    /// <param name="computedSecs">The total the steps add up to, seconds.</param>
    /// <param name="fragment">The <c>target_description_contains</c> used to find the event, checked for being too generic.</param>
    /// <param name="dryRun">The last line: what the dry run or the write produced.</param>
    public static IReadOnlyList<PreFlightLine> Build(
        IReadOnlyList<RuleIssue> errors,
        IReadOnlyList<RuleIssue> warnings,
        bool textChecked,
        int? declaredSecs,
        int? computedSecs,
        string? fragment,
        PreFlightLine dryRun)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(warnings);
        var lines = new List<PreFlightLine>();
        foreach (var (check, codes) in Items)
        {
            var failed = errors.Where(e => codes.Contains(e.Code)).ToList();
            var warned = warnings.Where(w => codes.Contains(w.Code)).ToList();
            var extra = check == "event_level" ? GenericFragment(fragment) : null;
            if (check == "event_duration")
            {
                lines.Add(Duration(failed, warned, textChecked, declaredSecs, computedSecs));
                continue;
            }

            if (!textChecked && check != "event_level")
            {
                lines.Add(new PreFlightLine(check, NotApplicable, "no workout text (note)"));
                continue;
            }

            var status = failed.Count > 0 ? Fail : warned.Count > 0 || extra is not null ? Warn : Pass;
            var detail = string.Join("; ", failed.Concat(warned).Select(Describe).Append(extra).OfType<string>());
            lines.Add(new PreFlightLine(check, status, detail.Length == 0 ? null : detail));
        }

        lines.Add(dryRun);
        return lines;
    }

    /// <summary>True when any line blocks the write.</summary>
    public static bool Blocks(IReadOnlyList<PreFlightLine> lines) => lines.Any(l => l.Status == Fail);

    /// <summary>The checklist as the seed prints it: a header and one marked line per item.</summary>
    public static void Render(StringBuilder text, IReadOnlyList<PreFlightLine>? lines)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (lines is null || lines.Count == 0)
        {
            return;
        }

        text.Append("PRE-FLIGHT CHECK:");
        foreach (var line in lines)
        {
            text.Append('\n').Append(Mark(line.Status)).Append(' ').Append(line.Check);
            if (line.Detail is { } detail)
            {
                text.Append(": ").Append(detail);
            }
        }

        text.Append(Blocks(lines) ? "\n=> STOP: fix every ✗ and dry-run again." : "");
    }

    public static string Mark(string status) => status switch
    {
        Pass => "✓",
        Fail => "✗",
        Warn => "⚠",
        _ => "–",
    };

    /// <summary>
    /// Why a <c>target_description_contains</c> fragment is too generic to name an event (pure workout syntax such as
    /// <c>10m</c> or <c>Z2</c>, or under three letters), or null when it is a real word.
    /// </summary>
    public static string? GenericFragment(string? fragment)
    {
        if (string.IsNullOrWhiteSpace(fragment))
        {
            return null;
        }

        var text = fragment.Trim();
        var letters = text.Count(char.IsLetter);
        var syntaxOnly = WorkoutText.Parse("- " + text).Steps.Any(s => s.Length is not null || s.Targets.Count > 0)
            && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w => w.Any(char.IsDigit) || w.Length <= 3);
        return letters < 3 || syntaxOnly
            ? $"target_description_contains '{text}' is generic workout syntax; use a word from the name or description (e.g. 'Endurance', 'Threshold')"
            : null;
    }

    private static PreFlightLine Duration(List<RuleIssue> failed, List<RuleIssue> warned, bool textChecked, int? declared, int? computed)
    {
        if (!textChecked)
        {
            return new PreFlightLine("event_duration", NotApplicable, "no workout text (note)");
        }

        var steps = computed is { } c ? Clock(c) : "unknown";
        var trap = warned.FirstOrDefault(w => w.Code == RuleCodes.DeclaredDurationMismatch);
        var others = failed.Concat(warned.Where(w => w.Code != RuleCodes.DeclaredDurationMismatch)).Select(Describe).ToList();
        if (trap is not null && declared is { } d)
        {
            var line = $"DURATION TRAP: new_duration {Clock(d)} but the steps add up to {steps}; Intervals.icu shows {steps}. " +
                $"Fix the description, not the duration: {trap.Fix}";
            return new PreFlightLine("event_duration", Warn, string.Join("; ", others.Prepend(line)));
        }

        if (declared is { } given)
        {
            return new PreFlightLine("event_duration", others.Count > 0 ? Warn : Pass,
                string.Join("; ", others.Prepend($"new_duration {Clock(given)} matches the steps ({steps})")));
        }

        return new PreFlightLine("event_duration", others.Count > 0 ? Warn : NotApplicable,
            string.Join("; ", others.Prepend($"no new_duration to compare; the steps add up to {steps}")));
    }

    private static string Describe(RuleIssue issue)
    {
        var where = issue.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $" line {issue.Line}") : issue.Field == "name" ? " (name)" : "";
        return issue.Fix is { Length: > 0 and <= 80 } fix ? $"{issue.Code}{where} → {fix}" : $"{issue.Code}{where}: {issue.Message}";
    }

    private static string Clock(int seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds % 3600 / 60:00}");
}
