using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IcuSync.Intervals;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Intents;

[McpServerToolType]
public sealed class ManageGearIntent(ToolRuntime runtime, GearInventory inventory, WriteGate gate)
{
    public const string Name = "manage_gear";
    public const string List = "list";
    public const string Add = "add";
    public const string Retire = "retire";
    public const string SetReminder = "set_reminder";

    private const double MaxReminderKm = 100_000;
    private const int MaxReminderDays = 3650;

    // No output schema: the intents profile keeps its whole tools/list under 12 KB (see docs/intents.md).
    [McpServerTool(Name = Name, Title = "Gear and service reminders", ReadOnly = false, Idempotent = true, Destructive = false, OpenWorld = true)]
    [Description("Gear (bikes, shoes, components) by type with distance, remaining life (from the athlete's own reminders, else unavailable) " +
        "and status. list (default) reads. add (name, type, date), retire (gear, date) and set_reminder (gear, distance_km and/or days, " +
        "name) write: dry run first; after approval repeat the same arguments with confirm=CODE.")]
    public Task<CallToolResult> ManageGearAsync(
        [Description("list (default), add, retire or set_reminder.")] string? action = null,
        [Description("Gear id or name, for retire and set_reminder.")] string? gear = null,
        [Description("add: gear name; set_reminder: reminder text (default 'Service').")] string? name = null,
        [Description("add: Bike, Shoes, Chain, Tyre, Wetsuit, …")] string? type = null,
        [Description("YYYY-MM-DD. add: purchase date; retire: default today.")] string? date = null,
        [Description("set_reminder: due every this many km.")] double? distance_km = null,
        [Description("set_reminder: due every this many days.")] int? days = null,
        [Description("Preview only (default). false alone never writes.")] bool? dry_run = null,
        [Description("The code from the dry run of these same arguments.")] JsonElement? confirm = null,
        [Description("Athlete name or id (default: selected athlete).")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var verb = ToolArguments.Choice(action, "action", List, List, Add, Retire, SetReminder);
            if (verb == List)
            {
                var items = await inventory.ListAsync(scope, fresh: false, cancellationToken);
                var groups = GearInventory.Group(items, scope.Today);
                var unavailable = groups.SelectMany(g => g.Items)
                    .Where(r => r.Unavailable is not null)
                    .Select(r => new UnavailableField($"{r.Id}.remaining_km", r.Unavailable!))
                    .ToList();
                var listed = new ManageGearResult(scope.Context, List, null, groups, null, null, null, null,
                    unavailable.Count == 0 ? null : unavailable, ListHints(groups));
                return ToolResponse.From(listed, RenderList(listed));
            }

            scope.Require(ToolGrants.Settings);
            var code = dry_run == true ? null : confirm;
            var current = await inventory.ListAsync(scope, fresh: true, cancellationToken);
            return verb switch
            {
                Add => await AddAsync(scope, current, name, type, date, code, cancellationToken),
                Retire => await RetireAsync(scope, current, gear, date, code, cancellationToken),
                _ => await SetReminderAsync(scope, current, gear, name, distance_km, days, code, cancellationToken),
            };
        }, cancellationToken);

    private async Task<CallToolResult> AddAsync(AthleteScope scope, IReadOnlyList<GearDto> current, string? name, string? type, string? date, JsonElement? confirm, CancellationToken ct)
    {
        var title = GearName(name, "name");
        var kind = GearInventory.Type(type, "type");
        var purchased = ToolArguments.OptionalDate(date, "date");
        if (purchased is { } p && p > scope.Today)
        {
            throw ToolFailure.BadArgument("date", $"a purchase date on or before today ({DateRange.Format(scope.Today)})", $"got {DateRange.Format(p)}");
        }

        // Creating is not idempotent upstream; the same name and type already in use means this change is already made.
        if (current.FirstOrDefault(g => g.Type == kind && string.IsNullOrWhiteSpace(g.Retired) && string.Equals(g.Name, title, StringComparison.OrdinalIgnoreCase)) is { } existing)
        {
            var row = GearInventory.Row(existing, scope.Today);
            var same = new ManageGearResult(scope.Context, Add, "exists", null, row, null, null, null, null,
                [$"manage_gear action=set_reminder gear={row.Id} to track its life", "give a different name to add another one"]);
            return ToolResponse.From(same, $"Already in use: {kind} '{row.Name}' ({row.Id}), {Units.Number(row.DistanceKm ?? 0)} km. Nothing written.");
        }

        var changes = new List<FieldChange> { new("type", null, kind), new("name", null, title) };
        if (purchased is { } bought)
        {
            changes.Add(new FieldChange("purchased", null, DateRange.Format(bought)));
        }

        var payload = $"action=add\ntype={kind}\nname={title}\npurchased={(purchased is { } d ? DateRange.Format(d) : "")}";
        var what = $"action=add type={kind} name=\"{ToolArguments.Shorten(title)}\"";
        var decision = await gate.DecideAsync(scope, Name, payload, confirm, what, ct);
        if (!decision.Apply)
        {
            return Preview(scope, Add, $"add {kind} '{title}'", changes, null, decision);
        }

        var created = await inventory.CreateAsync(scope, new GearDto { Type = kind, Name = title, Purchased = purchased is { } day ? DateRange.Format(day) : null }, ct);
        var saved = GearInventory.Row(created, scope.Today);
        await gate.AppliedAsync(scope, Name, decision, $"{what} gear={saved.Id}", ct);
        var result = new ManageGearResult(scope.Context, Add, "created", null, saved, changes, null, null, null,
            [$"manage_gear action=set_reminder gear={saved.Id} distance_km=… to track its remaining life"]);
        return ToolResponse.From(result, $"Created {kind} '{saved.Name}' ({saved.Id}) for {scope.Context.AthleteName}.");
    }

    private async Task<CallToolResult> RetireAsync(AthleteScope scope, IReadOnlyList<GearDto> current, string? gear, string? date, JsonElement? confirm, CancellationToken ct)
    {
        var target = GearInventory.Find(current, gear, "gear");
        var day = ToolArguments.OptionalDate(date, "date") ?? scope.Today;
        if (day > scope.Today)
        {
            throw ToolFailure.BadArgument("date", $"a retirement date on or before today ({DateRange.Format(scope.Today)})", $"got {DateRange.Format(day)}");
        }

        if (DateOnly.TryParseExact(target.Purchased ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var bought) && day < bought)
        {
            throw ToolFailure.BadArgument("date", $"a date on or after the purchase date {target.Purchased}", $"got {DateRange.Format(day)}");
        }

        var row = GearInventory.Row(target, scope.Today);
        if (row.Retired is not null)
        {
            var same = new ManageGearResult(scope.Context, Retire, "unchanged", null, row, null, null, null, null, ["manage_gear action=list"]);
            return ToolResponse.From(same, $"'{row.Name}' ({row.Id}) is already retired (since {row.Retired}). Nothing written.");
        }

        var retired = DateRange.Format(day);
        var changes = new List<FieldChange> { new("retired", null, retired), new("status", row.Status, "retired") };
        var payload = $"action=retire\ngear={row.Id}\nretired={retired}";
        var what = $"action=retire gear={row.Id} retired={retired}";
        var decision = await gate.DecideAsync(scope, Name, payload, confirm, what, ct);
        if (!decision.Apply)
        {
            return Preview(scope, Retire, $"retire '{row.Name}' ({row.Id}) at {Units.Number(row.DistanceKm ?? 0)} km on {retired}", changes, row, decision);
        }

        var saved = GearInventory.Row(await inventory.RetireAsync(scope, row.Id, day, ct), scope.Today);
        await gate.AppliedAsync(scope, Name, decision, what, ct);
        var result = new ManageGearResult(scope.Context, Retire, "retired", null, saved, changes, null, null, null,
            [$"manage_gear action=add type={row.Type} name=… for its replacement"]);
        return ToolResponse.From(result, $"Retired '{saved.Name}' ({saved.Id}) on {retired} at {Units.Number(saved.DistanceKm ?? 0)} km.");
    }

    private async Task<CallToolResult> SetReminderAsync(
        AthleteScope scope, IReadOnlyList<GearDto> current, string? gear, string? name, double? distanceKm, int? days, JsonElement? confirm, CancellationToken ct)
    {
        var target = GearInventory.Find(current, gear, "gear");
        if (!string.IsNullOrWhiteSpace(target.Retired))
        {
            throw ToolFailure.BadArgument("gear", "gear in use: reminders do not apply to retired gear", $"'{target.Name}' was retired on {target.Retired}");
        }

        if (distanceKm is null && days is null)
        {
            throw ToolFailure.BadArgument("distance_km", "distance_km (km between services) and/or days for action set_reminder", "neither was given");
        }

        if (distanceKm is { } km && (!double.IsFinite(km) || km <= 0 || km > MaxReminderKm))
        {
            throw ToolFailure.BadArgument("distance_km", $"a distance in km from 0.1 to {MaxReminderKm.ToString(CultureInfo.InvariantCulture)}", $"got {km.ToString(CultureInfo.InvariantCulture)}");
        }

        if (days is { } d && (d < 1 || d > MaxReminderDays))
        {
            throw ToolFailure.BadArgument("days", $"a whole number of days from 1 to {MaxReminderDays}", $"got {d}");
        }

        var label = string.IsNullOrWhiteSpace(name) ? "Service" : GearName(name, "name");
        var existing = (target.Reminders ?? []).FirstOrDefault(r => r.Id is not null && string.Equals(r.Name, label, StringComparison.OrdinalIgnoreCase));
        var meters = distanceKm is { } k ? Math.Round(k * 1000) : (double?)null;
        var before = GearInventory.Row(target, scope.Today);
        var oldRow = existing is null ? null : before.Reminders?.FirstOrDefault(r => r.Id == existing.Id);
        var newDistance = meters ?? existing?.Distance;
        var newDays = days ?? existing?.Days;
        if (existing is not null && existing.Distance == newDistance && existing.Days == newDays)
        {
            var same = new ManageGearResult(scope.Context, SetReminder, "unchanged", null, before, null, null, null, null, ["manage_gear action=list"]);
            return ToolResponse.From(same, $"'{before.Name}' already has the reminder '{existing.Name}' with these limits. Nothing written.");
        }

        var changes = new List<FieldChange>
        {
            new("reminder", existing?.Name, label),
            new("every_km", Km(existing?.Distance), Km(newDistance)),
            new("every_days", existing?.Days?.ToString(CultureInfo.InvariantCulture), newDays?.ToString(CultureInfo.InvariantCulture)),
        };
        changes.RemoveAll(c => c.Old is null && c.New is null);
        if (newDistance is { } dist)
        {
            var used = existing?.DistanceUsed ?? 0;
            changes.Add(new FieldChange("remaining_km", oldRow?.RemainingKm?.ToString(CultureInfo.InvariantCulture), Units.Number(Math.Max(0, dist - used) / 1000)));
        }

        var payload = string.Create(CultureInfo.InvariantCulture, $"action=set_reminder\ngear={before.Id}\nname={label}\ndistance_m={newDistance}\ndays={newDays}");
        var what = string.Create(CultureInfo.InvariantCulture, $"action=set_reminder gear={before.Id} reminder=\"{ToolArguments.Shorten(label)}\" distance_m={newDistance} days={newDays}");
        var decision = await gate.DecideAsync(scope, Name, payload, confirm, what, ct);
        if (!decision.Apply)
        {
            return Preview(scope, SetReminder, $"{(existing is null ? "add" : "update")} reminder '{label}' on '{before.Name}' ({before.Id})", changes, before, decision);
        }

        var reminder = new GearReminderDto { Name = label, Distance = newDistance, Days = newDays };
        var saved = GearInventory.Row(await inventory.SetReminderAsync(scope, before.Id, existing?.Id, reminder, ct), scope.Today);
        await gate.AppliedAsync(scope, Name, decision, what, ct);
        var result = new ManageGearResult(scope.Context, SetReminder, existing is null ? "created" : "updated", null, saved, changes, null, null, null,
            ["manage_gear action=list to see remaining life"]);
        var left = saved.RemainingKm is { } r ? $"{Units.Number(r)} km left" : saved.RemainingDays is { } rd ? $"{rd} days left" : "remaining life unavailable";
        return ToolResponse.From(result, $"{(existing is null ? "Added" : "Updated")} reminder '{label}' on '{saved.Name}' ({saved.Id}): {left}.");
    }

    private static CallToolResult Preview(AthleteScope scope, string action, string summary, IReadOnlyList<FieldChange> changes, GearRow? gear, WriteDecision decision)
    {
        var result = new ManageGearResult(scope.Context, action, "dry_run", null, gear, changes, decision.ConfirmCode, Utc(decision.ExpiresAt), null,
            [$"Show the preview to the user; after they approve, call manage_gear again with the same arguments and confirm=\"{decision.ConfirmCode}\""]);
        var text = new StringBuilder()
            .Append("DRY RUN — nothing written yet (").Append(scope.Context.AthleteName).Append(", today ").Append(scope.Context.Today).Append("): ").Append(summary).Append('.');
        foreach (var c in changes)
        {
            text.Append("\n  ").Append(c.Field).Append(": ").Append(c.Old ?? "—").Append(" → ").Append(c.New ?? "—");
        }

        text.Append("\nTo apply, call manage_gear again with the same arguments and confirm=\"").Append(decision.ConfirmCode).Append("\" (valid until ").Append(result.ConfirmExpiresUtc).Append(").");
        return ToolResponse.From(result, text.ToString());
    }

    private static string GearName(string? value, string argument)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ToolFailure.BadArgument(argument, "a short name, e.g. 'Nike Pegasus 41'", "it is missing");
        }

        var text = value.Trim();
        return text.Length > 80 || text.Contains('\n', StringComparison.Ordinal)
            ? throw ToolFailure.BadArgument(argument, "a one-line name of at most 80 characters", $"got '{ToolArguments.Shorten(text)}'")
            : text;
    }

    private static List<string> ListHints(IReadOnlyList<GearGroup> groups)
    {
        var hints = new List<string>();
        var due = groups.SelectMany(g => g.Items).Where(r => r.Status is "due" or "due_soon").ToList();
        hints.AddRange(due.Select(r => $"{r.Name} ({r.Id}) is {r.Status.Replace('_', ' ')}: service it, or manage_gear action=retire gear={r.Id}"));
        if (groups.SelectMany(g => g.Items).Any(r => r.Status == "no_reminder"))
        {
            hints.Add("manage_gear action=set_reminder gear=<id> distance_km=… to track remaining life");
        }

        hints.Add("manage_gear action=add name=… type=… for new gear");
        return hints;
    }

    private static string RenderList(ManageGearResult r)
    {
        var text = new StringBuilder();
        text.Append("Gear of ").Append(r.Context.AthleteName).Append(" (today ").Append(r.Context.Today).Append(')');
        if (r.Groups is not { Count: > 0 } groups)
        {
            return text.Append(": none on Intervals.icu yet. Add some with action=add.").ToString();
        }

        foreach (var g in groups)
        {
            text.Append('\n').Append(g.Type).Append(" (").Append(g.InUse).Append(" in use, ").Append(Units.Number(g.TotalKm)).Append(" km)");
            foreach (var item in g.Items)
            {
                text.Append("\n  ").Append(item.Name).Append(" [").Append(item.Id).Append("] ").Append(Units.Number(item.DistanceKm ?? 0)).Append(" km · ");
                text.Append(item.RemainingKm is { } left ? $"{Units.Number(left)} km left · "
                    : item.RemainingDays is { } leftDays ? $"{leftDays} days left · "
                    : item.Retired is null ? "remaining n/a · " : "");
                text.Append(item.Retired is { } since ? $"retired {since}" : item.Status);
            }
        }

        return text.ToString();
    }

    private static string? Km(double? meters) => meters is { } m ? Units.Number(m / 1000) : null;

    private static string? Utc(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One field of a gear change, before → after (null when absent).</summary>
public sealed record FieldChange(string Field, string? Old, string? New);

/// <summary>The result of manage_gear.</summary>
/// <param name="Context">Whose gear, and the local today used.</param>
/// <param name="Action"><c>list</c>, <c>add</c>, <c>retire</c> or <c>set_reminder</c>.</param>
/// <param name="Status">Writes: <c>dry_run</c>, <c>created</c>, <c>updated</c>, <c>retired</c>, <c>unchanged</c> or <c>exists</c>.</param>
/// <param name="Groups">list: gear grouped by type.</param>
/// <param name="Gear">Writes: the item changed (after the change once applied).</param>
/// <param name="Changes">Writes: each field before → after.</param>
/// <param name="Confirm">Dry run only: the code that authorises exactly this change.</param>
/// <param name="ConfirmExpiresUtc">When the code expires.</param>
/// <param name="Unavailable">Fields that could not be computed, with the reason.</param>
/// <param name="NextActions">Hints for the next call.</param>
public sealed record ManageGearResult(
    ResultContext Context,
    string Action,
    string? Status,
    IReadOnlyList<GearGroup>? Groups,
    GearRow? Gear,
    IReadOnlyList<FieldChange>? Changes,
    string? Confirm,
    string? ConfirmExpiresUtc,
    IReadOnlyList<UnavailableField>? Unavailable,
    IReadOnlyList<string> NextActions);
