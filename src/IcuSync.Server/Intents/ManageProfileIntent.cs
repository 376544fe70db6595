using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Intents;

[McpServerToolType]
public sealed class ManageProfileIntent(ToolRuntime runtime, ProfileSections profileSections, SportThresholds thresholds, WriteGate gate)
{
    public const string Name = "manage_profile";
    public const string Get = "get";
    public const string UpdateThresholds = "update_thresholds";

    // No output schema: the intents profile keeps its whole tools/list under 12 KB (see docs/intents.md).
    [McpServerTool(Name = Name, Title = "Profile, zones and thresholds", ReadOnly = false, Idempotent = true, Destructive = true, OpenWorld = true)]
    [Description("Profile, zones and thresholds (FTP, LTHR, AeT = top of HR Z2, threshold pace) and today's CTL/ATL/TSB. Tier 1: " +
        "action=get before planning or analysing. action=update_thresholds (new_lt_hr scales the HR zones; new_aet_hr) only when the " +
        "user asks: the dry run shows old -> new; after approval repeat the same arguments with confirm=CODE.")]
    public Task<CallToolResult> ManageProfileAsync(
        [Description("get (default) or update_thresholds.")] string? action = null,
        [Description("For get: any of overview, zones, thresholds, metrics (default all).")] string[]? sections = null,
        [Description("New aerobic threshold HR, bpm.")] int? new_aet_hr = null,
        [Description("New lactate threshold HR (LTHR), bpm.")] int? new_lt_hr = null,
        [Description("manual (default) or lab_test.")] string? thresholds_source = null,
        [Description("Re-apply the new zones to past activities (default true).")] bool? apply_to_activities = null,
        [Description("Sport group to update, e.g. Run (default: primary sport).")] string? sport = null,
        [Description("Preview only (default). false alone never writes.")] bool? dry_run = null,
        [Description("The code from the dry run of these same arguments.")] JsonElement? confirm = null,
        [Description("Athlete name or id (default: selected athlete).")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var verb = ToolArguments.Choice(action, "action", Get, Get, UpdateThresholds);
            if (verb == Get)
            {
                var wanted = ProfileSections.Parse(sections, "sections");
                var view = await profileSections.GetAsync(scope, wanted, cancellationToken);
                var got = new ManageProfileResult(scope.Context, Get, null, view.Overview, view.Zones, view.Thresholds, view.Metrics,
                    null, null, null, null, view.Unavailable, null,
                    ["analyze_training target_type=period for recent volume and zones", "assess_recovery period_days=14"]);
                return ToolResponse.From(got, RenderGet(got));
            }

            scope.Require(ToolGrants.Settings);
            var source = ToolArguments.Choice(thresholds_source, "thresholds_source", SportThresholds.Manual, SportThresholds.Manual, SportThresholds.LabTest);
            var all = await thresholds.ReadFreshAsync(scope, cancellationToken);
            var current = SportThresholds.Pick(all, sport, "sport");
            var plan = SportThresholds.Plan(current, new_aet_hr, new_lt_hr, source, apply_to_activities ?? true);
            var diff = Diff(plan);
            if (!plan.Changes)
            {
                var same = new ManageProfileResult(scope.Context, UpdateThresholds, "unchanged", null, null, null, null, diff, SportThresholds.Read(current),
                    null, null, null, null, ["manage_profile action=get sections=[thresholds] to review"]);
                return ToolResponse.From(same, $"Nothing to change: {Group(plan)} already has these thresholds (LTHR {plan.After.LthrBpm} bpm, AeT {plan.After.AetHrBpm} bpm).");
            }

            var what = string.Create(CultureInfo.InvariantCulture,
                $"action=update_thresholds sport_settings={plan.Before.SportSettingsId} lthr={plan.Before.LthrBpm}->{plan.After.LthrBpm} aet={plan.Before.AetHrBpm}->{plan.After.AetHrBpm} source={source} apply={plan.ApplyToActivities}");
            var code = dry_run == true ? null : confirm;
            var decision = await gate.DecideAsync(scope, Name, SportThresholds.Canonical(plan), code, what, cancellationToken);
            if (!decision.Apply)
            {
                var preview = new ManageProfileResult(scope.Context, UpdateThresholds, "dry_run", null, null, null, null, diff, null,
                    decision.ConfirmCode, Utc(decision.ExpiresAt), null, NullIfEmpty(plan.Notes),
                    [$"Show the diff to the user; after they approve, call manage_profile again with the same arguments and confirm=\"{decision.ConfirmCode}\""]);
                return ToolResponse.From(preview, RenderUpdate(preview, plan));
            }

            var write = await thresholds.ApplyAsync(scope, plan, cancellationToken);
            var stored = SportThresholds.Read(write.Saved);
            var verified = stored.LthrBpm == plan.After.LthrBpm && (stored.HrZoneTopsBpm ?? []).SequenceEqual(plan.After.HrZoneTopsBpm ?? []);
            await gate.AppliedAsync(scope, Name, decision,
                what + (verified ? " verified=ok" : " verified=MISMATCH") + (write.ApplyProblem is null ? "" : " reapply=failed"), cancellationToken);
            var warnings = plan.Notes.ToList();
            if (write.ApplyProblem is { } problem)
            {
                warnings.Add(problem);
            }

            if (!verified)
            {
                warnings.Add($"Intervals.icu stored LTHR {stored.LthrBpm} bpm and zones {string.Join('/', stored.HrZoneTopsBpm ?? [])}, not the previewed values; check the sport settings on Intervals.icu.");
            }

            var applied = new ManageProfileResult(scope.Context, UpdateThresholds, "applied", null, null, null, null, diff, stored,
                null, null, null, NullIfEmpty(warnings),
                ["manage_profile action=get sections=[metrics] to verify", "plan_training or modify_training now use the new zones"]);
            return ToolResponse.From(applied, RenderUpdate(applied, plan));
        }, cancellationToken);

    private static ThresholdDiff Diff(ThresholdPlan plan)
    {
        var before = plan.Before.HrZoneTopsBpm ?? [];
        var after = plan.After.HrZoneTopsBpm ?? [];
        var names = plan.Current.HrZoneNames ?? [];
        var zones = new List<ZoneTopChange>();
        for (var i = 0; i < Math.Max(before.Count, after.Count); i++)
        {
            var name = i < names.Count && !string.IsNullOrWhiteSpace(names[i]) ? names[i] : $"Z{i + 1}";
            zones.Add(new ZoneTopChange($"Z{i + 1} {name}", i < before.Count ? before[i] : null, i < after.Count ? after[i] : null));
        }

        return new ThresholdDiff(plan.Before.SportSettingsId, plan.Before.Types,
            plan.Before.LthrBpm, plan.After.LthrBpm, plan.Before.AetHrBpm, plan.After.AetHrBpm,
            plan.Before.AetLtGapPct, plan.After.AetLtGapPct, plan.Before.MaxHrBpm,
            zones.Count == 0 ? null : zones, plan.Source, plan.ApplyToActivities);
    }

    private static string Group(ThresholdPlan plan) => string.Join('/', plan.Before.Types.Take(2));

    private static string RenderUpdate(ManageProfileResult r, ThresholdPlan plan)
    {
        var d = r.Change!;
        var text = new StringBuilder();
        text.Append(r.Status == "applied"
                ? $"APPLIED to {r.Context.AthleteName}'s {Group(plan)} settings"
                : $"DRY RUN — nothing written yet ({r.Context.AthleteName}, {Group(plan)}, today {r.Context.Today})")
            .Append(". Source: ").Append(d.Source).Append(". Past activities: ").Append(d.ApplyToActivities ? "re-analysed with the new zones" : "left as they are").Append('.');
        text.Append("\nLTHR ").Append(d.LthrOldBpm).Append(" → ").Append(d.LthrNewBpm).Append(" bpm; AeT ").Append(d.AetOldBpm).Append(" → ").Append(d.AetNewBpm)
            .Append(" bpm; AeT–LT gap ").Append(Pct(d.AetLtGapOldPct)).Append(" → ").Append(Pct(d.AetLtGapNewPct));
        foreach (var zone in d.HrZones ?? [])
        {
            if (zone.OldTopBpm != zone.NewTopBpm)
            {
                text.Append("\n  ").Append(zone.Zone).Append(" top ").Append(zone.OldTopBpm).Append(" → ").Append(zone.NewTopBpm).Append(" bpm");
            }
        }

        foreach (var warning in r.Warnings ?? [])
        {
            text.Append("\nNOTE: ").Append(warning);
        }

        if (r.Confirm is { } code)
        {
            text.Append("\nTo apply, call manage_profile again with the same arguments and confirm=\"").Append(code).Append("\" (valid until ").Append(r.ConfirmExpiresUtc).Append(").");
        }

        return text.ToString();
    }

    private static string RenderGet(ManageProfileResult r)
    {
        var text = new StringBuilder();
        text.Append(r.Context.AthleteName).Append(" (").Append(r.Context.AthleteId).Append(") · today ").Append(r.Context.Today).Append(' ').Append(r.Context.Timezone);
        if (r.Overview is { } o)
        {
            text.Append("\nSports: ").AppendJoin(", ", o.Sports).Append(o.WeightKg is { } kg ? $" · {Units.Number(kg)} kg" : "")
                .Append(o.RestingHrBpm is { } rest ? $" · resting HR {rest} bpm" : "");
        }

        foreach (var t in r.Thresholds ?? [])
        {
            text.Append('\n').Append(string.Join('/', t.Types.Take(2))).Append(':');
            Append(text, " FTP ", t.FtpW, " W");
            Append(text, " eFTP ", t.EftpW, " W");
            Append(text, " LTHR ", t.LthrBpm, " bpm");
            Append(text, " AeT ", t.AetHrBpm, " bpm");
            Append(text, " max HR ", t.MaxHrBpm, " bpm");
            if (t.ThresholdPace is { } pace)
            {
                text.Append(" threshold pace ").Append(pace);
            }
        }

        if (r.Zones is { } zones)
        {
            text.Append("\nZones for ").Append(zones.Count).Append(" sport group(s) in the structured result.");
        }

        if (r.Metrics is { } m)
        {
            text.Append("\nFitness ").Append(m.Date).Append(": CTL ").Append(Units.Number(m.Ctl)).Append(", ATL ").Append(Units.Number(m.Atl))
                .Append(", TSB ").Append(Units.Number(m.Tsb)).Append(" (").Append(m.FormZone).Append(')');
        }

        foreach (var u in r.Unavailable ?? [])
        {
            text.Append("\nUnavailable: ").Append(u.Field).Append(" — ").Append(u.Reason);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string label, int? value, string unit)
    {
        if (value is { } v)
        {
            text.Append(label).Append(v.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    private static string Pct(double? value) => value is { } v ? Units.Number(v) + " %" : "n/a";

    private static IReadOnlyList<string>? NullIfEmpty(IReadOnlyList<string> items) => items.Count == 0 ? null : items;

    private static string? Utc(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One HR zone top before and after a threshold change, bpm.</summary>
public sealed record ZoneTopChange(string Zone, int? OldTopBpm, int? NewTopBpm);

/// <summary>The old → new diff of a threshold change (bpm; the AeT–LT gap in %).</summary>
public sealed record ThresholdDiff(
    long SportSettingsId,
    IReadOnlyList<string> Types,
    int? LthrOldBpm,
    int? LthrNewBpm,
    int? AetOldBpm,
    int? AetNewBpm,
    double? AetLtGapOldPct,
    double? AetLtGapNewPct,
    int? MaxHrBpm,
    IReadOnlyList<ZoneTopChange>? HrZones,
    string Source,
    bool ApplyToActivities);

/// <summary>The result of manage_profile.</summary>
/// <param name="Context">Whose profile, and the local today used.</param>
/// <param name="Action"><c>get</c> or <c>update_thresholds</c>.</param>
/// <param name="Status">update_thresholds only: <c>dry_run</c>, <c>applied</c> or <c>unchanged</c>.</param>
/// <param name="Overview">get: name, time zone, weight, resting HR, sports.</param>
/// <param name="Zones">get: power/HR/pace zones per sport group.</param>
/// <param name="Thresholds">get: FTP/eFTP/W′/LTHR/AeT/max HR/threshold pace per sport group.</param>
/// <param name="Metrics">get: CTL/ATL/TSB, form and ramp today.</param>
/// <param name="Change">update_thresholds: the old → new diff.</param>
/// <param name="Stored">update_thresholds once applied: the HR thresholds Intervals.icu now stores.</param>
/// <param name="Confirm">Dry run only: the code that authorises exactly this change.</param>
/// <param name="ConfirmExpiresUtc">When the code expires.</param>
/// <param name="Unavailable">Fields that could not be computed, with the reason.</param>
/// <param name="Warnings">Zone adjustments and anything to check.</param>
/// <param name="NextActions">Hints for the next call.</param>
public sealed record ManageProfileResult(
    ResultContext Context,
    string Action,
    string? Status,
    ProfileOverview? Overview,
    IReadOnlyList<SportZones>? Zones,
    IReadOnlyList<SportThresholdRow>? Thresholds,
    ProfileMetrics? Metrics,
    ThresholdDiff? Change,
    HrThresholds? Stored,
    string? Confirm,
    string? ConfirmExpiresUtc,
    IReadOnlyList<UnavailableField>? Unavailable,
    IReadOnlyList<string>? Warnings,
    IReadOnlyList<string> NextActions);
