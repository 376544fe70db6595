using System.Globalization;
using System.Text;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>
/// The heart-rate thresholds of one sport-settings group. bpm throughout; <see cref="AetLtGapPct"/> is
/// (LT − AeT) / AeT × 100. Intervals.icu stores no aerobic threshold field: IcuSync reads the AeT as the top of HR
/// zone 2 (the aerobic zone) and writes it there.
/// </summary>
public sealed record HrThresholds(
    long SportSettingsId,
    IReadOnlyList<string> Types,
    int? LthrBpm,
    int? AetHrBpm,
    int? MaxHrBpm,
    IReadOnlyList<int>? HrZoneTopsBpm,
    double? AetLtGapPct);

/// <summary>
/// A threshold change worked out in full before anything is written: the group it targets, its HR thresholds and zones
/// before and after, where the new values come from, and whether past activities get the new zones.
/// </summary>
public sealed record ThresholdPlan(
    SportSettingsDto Current,
    HrThresholds Before,
    HrThresholds After,
    string Source,
    bool ApplyToActivities,
    IReadOnlyList<string> Notes)
{
    /// <summary>True when the new values differ from the stored ones.</summary>
    public bool Changes =>
        Before.LthrBpm != After.LthrBpm
        || !(Before.HrZoneTopsBpm ?? []).SequenceEqual(After.HrZoneTopsBpm ?? []);
}

/// <summary>The group as stored after a threshold write, and what went wrong re-applying it to past activities, if anything.</summary>
public sealed record ThresholdWrite(SportSettingsDto Saved, string? ApplyProblem);

/// <summary>
/// Reads and changes heart-rate thresholds (LTHR, AeT) through the Intervals.icu sport-settings endpoints. A change
/// keeps the athlete's own zone model: a new LTHR scales every HR zone top but the last (max HR) by new/old LTHR, as
/// Intervals.icu zones are defined relative to LTHR; a new AeT then sets the top of zone 2.
/// </summary>
public sealed class SportThresholds(IntervalsReads reads)
{
    /// <summary>Index of the HR zone whose top IcuSync treats as the aerobic threshold (zone 2).</summary>
    public const int AetZoneIndex = 1;

    /// <summary>Lowest and highest heart rates accepted as thresholds, bpm.</summary>
    public const int MinBpm = 60;

    /// <inheritdoc cref="MinBpm"/>
    public const int MaxBpm = 230;

    public const string Manual = "manual";
    public const string LabTest = "lab_test";

    /// <summary>The HR thresholds of one group as stored.</summary>
    public static HrThresholds Read(SportSettingsDto settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var tops = Tops(settings.HrZones);
        var aet = AetOf(tops);
        return new HrThresholds(settings.Id ?? 0, settings.Types ?? [], settings.Lthr, aet, settings.MaxHr, tops, GapPct(aet, settings.Lthr));
    }

    /// <summary>The AeT (top of HR zone 2) when the zones have at least three entries; null otherwise.</summary>
    public static int? AetOf(IReadOnlyList<int>? tops) => tops is { Count: >= 3 } ? tops[AetZoneIndex] : null;

    /// <summary>(LT − AeT) / AeT × 100, one decimal; null when either is unknown.</summary>
    public static double? GapPct(int? aet, int? lt) =>
        aet is > 0 && lt is { } l ? Math.Round((l - aet.Value) * 100.0 / aet.Value, 1) : null;

    /// <summary>The athlete's sport groups read now, bypassing the cache (a write must start from the stored values).</summary>
    public Task<IReadOnlyList<SportSettingsDto>> ReadFreshAsync(AthleteScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return reads.Client.ListSportSettingsAsync(scope.Credential, scope.AthleteId, ct);
    }

    /// <summary>
    /// The group for <paramref name="sport"/> (an activity type such as Run, or a sport-settings id), or the athlete's
    /// primary group (the first listed that is not the catch-all) when none is named.
    /// </summary>
    public static SportSettingsDto Pick(IReadOnlyList<SportSettingsDto> all, string? sport, string argument)
    {
        ArgumentNullException.ThrowIfNull(all);
        var choices = string.Join(", ", all.Where(s => s.Types is { Count: > 0 }).Select(s => s.Types![0]));
        if (string.IsNullOrWhiteSpace(sport))
        {
            return all.FirstOrDefault(s => s.IsOther != true) ?? all.FirstOrDefault()
                ?? throw ToolFailure.Refused("This athlete has no sport settings on Intervals.icu yet; create them there first.");
        }

        var wanted = sport.Trim();
        return all.FirstOrDefault(s => s.Id is { } id && id.ToString(CultureInfo.InvariantCulture) == wanted)
            ?? all.FirstOrDefault(s => s.Types?.Contains(wanted, StringComparer.OrdinalIgnoreCase) == true)
            ?? throw ToolFailure.BadArgument(argument, $"an activity type of one of the athlete's sport groups: {choices}", $"got '{ToolArguments.Shorten(wanted)}'");
    }

    /// <summary>Works out the new LTHR and HR zones; refuses values that would give inconsistent zones.</summary>
    public static ThresholdPlan Plan(SportSettingsDto current, int? newAet, int? newLt, string source, bool applyToActivities)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (newAet is null && newLt is null)
        {
            throw ToolFailure.BadArgument("new_lt_hr", "new_lt_hr and/or new_aet_hr in bpm for action update_thresholds", "neither was given");
        }

        CheckBpm(newAet, "new_aet_hr");
        CheckBpm(newLt, "new_lt_hr");
        var before = Read(current);
        var group = string.Join('/', before.Types.Take(2));
        var notes = new List<string>();
        var lt = newLt ?? before.LthrBpm;
        var max = before.MaxHrBpm;
        if (newLt is { } l && max is { } m && l >= m)
        {
            throw ToolFailure.BadArgument("new_lt_hr", $"a value below the {group} max HR of {m} bpm", $"got {l}");
        }

        var tops = before.HrZoneTopsBpm is { Count: > 0 } stored ? stored.ToList() : null;
        if (tops is not null && newLt is { } scaledTo && before.LthrBpm is > 0 && scaledTo != before.LthrBpm)
        {
            tops = Scale(tops, before.LthrBpm.Value, scaledTo, max, notes);
        }

        if (newAet is { } aet)
        {
            if (tops is not { Count: >= 3 })
            {
                throw ToolFailure.BadArgument("new_aet_hr", "to be left out: this sport group has fewer than three HR zones to hold an AeT; set new_lt_hr only, or define HR zones on Intervals.icu first");
            }

            if (lt is { } threshold && aet >= threshold)
            {
                throw ToolFailure.BadArgument("new_aet_hr", $"a value below LTHR ({threshold} bpm)", $"got {aet}");
            }

            if (aet <= tops[AetZoneIndex - 1] || aet >= tops[AetZoneIndex + 1])
            {
                throw ToolFailure.BadArgument("new_aet_hr",
                    $"a value between the top of Z1 ({tops[AetZoneIndex - 1]} bpm) and the top of Z3 ({tops[AetZoneIndex + 1]} bpm){(newLt is null ? "; if LTHR changed too, pass new_lt_hr as well so the zones move with it" : "")}",
                    $"got {aet}");
            }

            tops[AetZoneIndex] = aet;
        }

        var after = new HrThresholds(before.SportSettingsId, before.Types, lt, AetOf(tops), max, tops, GapPct(AetOf(tops), lt));
        return new ThresholdPlan(current, before, after, source, applyToActivities, notes);
    }

    /// <summary>The deterministic text of a change, for the confirm code (stored values included, so a code dies when they change).</summary>
    public static string Canonical(ThresholdPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new StringBuilder()
            .Append("action=update_thresholds")
            .Append("\nsport_settings_id=").Append(plan.Before.SportSettingsId.ToString(CultureInfo.InvariantCulture))
            .Append("\ntypes=").AppendJoin(',', plan.Before.Types)
            .Append("\nold_lthr=").Append(plan.Before.LthrBpm?.ToString(CultureInfo.InvariantCulture))
            .Append("\nold_hr_zones=").AppendJoin(',', plan.Before.HrZoneTopsBpm ?? [])
            .Append("\nnew_lthr=").Append(plan.After.LthrBpm?.ToString(CultureInfo.InvariantCulture))
            .Append("\nnew_hr_zones=").AppendJoin(',', plan.After.HrZoneTopsBpm ?? [])
            .Append("\nsource=").Append(plan.Source)
            .Append("\napply_to_activities=").Append(plan.ApplyToActivities ? "true" : "false")
            .ToString();
    }

    /// <summary>
    /// Writes the new LTHR and zones, re-applies them to past activities when asked, drops the athlete's cached reads,
    /// and returns the group as Intervals.icu now stores it. A failure of the re-apply step after the settings were saved
    /// is returned as <see cref="ThresholdWrite.ApplyProblem"/> rather than thrown, so the caller never reports a saved
    /// change as not made.
    /// </summary>
    public async Task<ThresholdWrite> ApplyAsync(AthleteScope scope, ThresholdPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(plan);
        var id = plan.Before.SportSettingsId.ToString(CultureInfo.InvariantCulture);
        var zonesKnown = plan.After.HrZoneTopsBpm is { Count: > 0 };
        var changes = new SportSettingsDto
        {
            Lthr = plan.After.LthrBpm != plan.Before.LthrBpm ? plan.After.LthrBpm : null,
            HrZones = zonesKnown ? [.. plan.After.HrZoneTopsBpm!.Select(t => (int?)t)] : null,
        };
        try
        {
            // Without stored zones Intervals.icu builds them from the new LTHR; otherwise IcuSync sends the zones it previewed.
            await reads.Client.UpdateSportSettingsAsync(scope.Credential, scope.AthleteId, id, changes, recalculateHrZones: !zonesKnown, ct);
            string? problem = null;
            if (plan.ApplyToActivities)
            {
                try
                {
                    await reads.Client.ApplySportSettingsAsync(scope.Credential, scope.AthleteId, id, ct);
                }
                catch (IntervalsException error)
                {
                    problem = $"The new thresholds are saved, but Intervals.icu did not re-apply them to past activities ({error.Kind}). " +
                        "Re-apply them on Intervals.icu (sport settings → apply to activities), or try again later.";
                }
            }

            return new ThresholdWrite(await reads.Client.GetSportSettingsAsync(scope.Credential, scope.AthleteId, id, ct), problem);
        }
        finally
        {
            await reads.InvalidateAthleteAsync(scope.AthleteId, ct);
        }
    }

    private static List<int> Scale(List<int> tops, int oldLt, int newLt, int? max, List<string> notes)
    {
        var scaled = new List<int>(tops.Count);
        for (var i = 0; i < tops.Count; i++)
        {
            // The last top is max HR, which a threshold change does not move.
            scaled.Add(i == tops.Count - 1 && max is not null ? tops[i] : (int)Math.Round(tops[i] * (double)newLt / oldLt, MidpointRounding.AwayFromZero));
        }

        if (max is { } m && scaled.Count >= 2)
        {
            for (var i = scaled.Count - 2; i >= 0; i--)
            {
                var ceiling = (i == scaled.Count - 2 ? m : scaled[i + 1]) - 1;
                if (scaled[i] > ceiling)
                {
                    notes.Add(string.Create(CultureInfo.InvariantCulture, $"Z{i + 1} top capped at {ceiling} bpm to stay below {(i == scaled.Count - 2 ? $"max HR ({m} bpm)" : $"Z{i + 2}")}."));
                    scaled[i] = ceiling;
                }
            }
        }

        return scaled;
    }

    private static List<int>? Tops(IReadOnlyList<int?>? zones) =>
        zones is { Count: > 0 } && zones.All(z => z is not null) ? [.. zones.Select(z => z!.Value)] : null;

    private static void CheckBpm(int? value, string argument)
    {
        if (value is { } v && (v < MinBpm || v > MaxBpm))
        {
            throw ToolFailure.BadArgument(argument, $"a heart rate in bpm from {MinBpm} to {MaxBpm}", $"got {v}");
        }
    }
}
