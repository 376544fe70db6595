using System.Globalization;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>
/// One service reminder. Intervals are in km, days; use is what has accrued since the reminder was last reset.
/// <see cref="Status"/>: <c>ok</c>, <c>due_soon</c> (≥ 90 % used), <c>due</c> (≥ 100 %) or <c>snoozed</c>.
/// </summary>
public sealed record GearReminderRow(
    long Id,
    string Name,
    double? EveryKm,
    int? EveryDays,
    double? EveryHours,
    int? EveryActivities,
    double? UsedPct,
    double? RemainingKm,
    int? RemainingDays,
    string? SnoozedUntil,
    string Status);

/// <summary>
/// A piece of gear with its use (km, hours, activities) and remaining life. Remaining life comes only from the athlete's
/// own reminders (the smallest km and days left across them); without one it is unavailable, never assumed.
/// <see cref="Status"/>: <c>retired</c>, <c>due</c>, <c>due_soon</c>, <c>ok</c> or <c>no_reminder</c>.
/// </summary>
public sealed record GearRow(
    string Id,
    string Name,
    string Type,
    bool? Component,
    double? DistanceKm,
    double? Hours,
    int? Activities,
    string? Purchased,
    string? Retired,
    string Status,
    double? RemainingKm,
    int? RemainingDays,
    double? UsedPct,
    string? Unavailable,
    IReadOnlyList<GearReminderRow>? Reminders);

/// <summary>Gear of one type (Bike, Shoes, Chain…): in-use count and km, and every item.</summary>
public sealed record GearGroup(string Type, int InUse, double TotalKm, IReadOnlyList<GearRow> Items);

/// <summary>
/// The athlete's gear from Intervals.icu, grouped by type with remaining life, and the gear writes (create, retire,
/// set a reminder). Writes are made idempotent here: a create is skipped when the same gear is already in use, and a
/// reminder is updated in place when one of that name exists, so repeating a confirmed write changes nothing.
/// </summary>
public sealed class GearInventory(IntervalsReads reads)
{
    /// <summary>Gear types Intervals.icu accepts.</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        "Bike", "Shoes", "Wetsuit", "RowingMachine", "Skis", "Snowboard", "Boat", "Board", "Equipment", "Accessories", "Apparel",
        "Computer", "Light", "Battery", "Brake", "BrakePads", "Rotor", "Drivetrain", "BottomBracket", "Cassette", "Chain",
        "Chainrings", "Crankset", "Derailleur", "Pedals", "Lever", "Cable", "Frame", "Fork", "Handlebar", "Headset", "Saddle",
        "Seatpost", "Shock", "Stem", "Axel", "Hub", "Trainer", "Tube", "Tyre", "Wheel", "Wheelset", "PowerMeter", "Cleats",
        "CyclingShoes", "Paddle",
    ];

    /// <summary>Share of a reminder's interval from which it counts as due soon, percent.</summary>
    public const double DueSoonPct = 90;

    /// <summary>The athlete's gear; <paramref name="fresh"/> bypasses the cache (before a write).</summary>
    public Task<IReadOnlyList<GearDto>> ListAsync(AthleteScope scope, bool fresh, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return fresh
            ? reads.Client.ListGearAsync(scope.Credential, scope.AthleteId, ct)
            : reads.ListGearAsync(scope.Credential, scope.AthleteId, ct);
    }

    /// <summary>Groups by type (most-used type first); in-use items before retired ones, then by distance.</summary>
    public static IReadOnlyList<GearGroup> Group(IEnumerable<GearDto> gear, DateOnly today) =>
        [.. gear.Select(g => Row(g, today))
            .GroupBy(r => r.Type, StringComparer.Ordinal)
            .Select(g => new GearGroup(
                g.Key,
                g.Count(r => r.Retired is null),
                Math.Round(g.Where(r => r.Retired is null).Sum(r => r.DistanceKm ?? 0), 1),
                [.. g.OrderBy(r => r.Retired is null ? 0 : 1).ThenByDescending(r => r.DistanceKm ?? 0).ThenBy(r => r.Name, StringComparer.Ordinal)]))
            .OrderByDescending(g => g.TotalKm)
            .ThenBy(g => g.Type, StringComparer.Ordinal)];

    /// <summary>One item with its remaining life and status.</summary>
    public static GearRow Row(GearDto gear, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(gear);
        var reminders = (gear.Reminders ?? []).Where(r => r.Id is not null).Select(r => Reminder(r, today)).ToList();
        var retired = string.IsNullOrWhiteSpace(gear.Retired) ? null : gear.Retired;
        var remainingKm = reminders.Where(r => r.RemainingKm is not null).Select(r => r.RemainingKm).Min();
        var remainingDays = reminders.Where(r => r.RemainingDays is not null).Select(r => r.RemainingDays).Min();
        var used = reminders.Where(r => r.UsedPct is not null).Select(r => r.UsedPct).Max();
        var status = retired is not null ? "retired"
            : reminders.Count == 0 ? "no_reminder"
            : reminders.Any(r => r.Status == "due") ? "due"
            : reminders.Any(r => r.Status == "due_soon") ? "due_soon"
            : "ok";
        string? unavailable = null;
        if (retired is null && remainingKm is null && remainingDays is null)
        {
            unavailable = reminders.Count == 0
                ? "remaining life unavailable: no service reminder set (manage_gear set_reminder with distance_km or days)"
                : "remaining life unavailable: the reminders count hours or activities, not km or days";
        }

        return new GearRow(
            gear.Id ?? "",
            gear.Name ?? "(unnamed)",
            gear.Type ?? "Other",
            gear.Component == true ? true : null,
            Units.Round((gear.Distance ?? 0) / 1000, 1),
            gear.Time is > 0 ? Math.Round(gear.Time.Value / 3600, 1) : null,
            gear.Activities,
            gear.Purchased,
            retired,
            status,
            retired is null ? remainingKm : null,
            retired is null ? remainingDays : null,
            retired is null ? used : null,
            unavailable,
            reminders.Count == 0 ? null : reminders);
    }

    /// <summary>Finds gear by exact id, else by a unique part of its name (in-use items preferred).</summary>
    public static GearDto Find(IReadOnlyList<GearDto> gear, string? reference, string argument)
    {
        ArgumentNullException.ThrowIfNull(gear);
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw ToolFailure.BadArgument(argument, "a gear id or name from manage_gear list", "it is missing");
        }

        var wanted = reference.Trim();
        if (gear.FirstOrDefault(g => string.Equals(g.Id, wanted, StringComparison.Ordinal)) is { } byId)
        {
            return byId;
        }

        var matches = gear.Where(g => g.Name?.Contains(wanted, StringComparison.OrdinalIgnoreCase) == true).ToList();
        var inUse = matches.Where(g => string.IsNullOrWhiteSpace(g.Retired)).ToList();
        var exact = matches.Where(g => string.Equals(g.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        return exact.Count == 1 ? exact[0]
            : matches.Count == 1 ? matches[0]
            : inUse.Count == 1 ? inUse[0]
            : matches.Count == 0
                ? throw ToolFailure.BadArgument(argument, "a gear id or name from manage_gear list: " + Describe(gear), $"nothing matches '{ToolArguments.Shorten(wanted)}'")
                : throw ToolFailure.BadArgument(argument, "one gear id: " + Describe(matches), $"'{ToolArguments.Shorten(wanted)}' matches {matches.Count} items");
    }

    /// <summary>A gear type as Intervals.icu spells it.</summary>
    public static string Type(string? value, string argument)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ToolFailure.BadArgument(argument, "a gear type such as Bike, Shoes, Chain, Tyre, Wetsuit, Trainer", "it is missing");
        }

        var wanted = value.Trim();
        return Types.FirstOrDefault(t => string.Equals(t, wanted, StringComparison.OrdinalIgnoreCase))
            ?? (string.Equals(wanted, "Tire", StringComparison.OrdinalIgnoreCase) ? "Tyre" : null)
            ?? (string.Equals(wanted, "Shoe", StringComparison.OrdinalIgnoreCase) ? "Shoes" : null)
            ?? throw ToolFailure.BadArgument(argument, "one of " + string.Join(", ", Types), $"got '{ToolArguments.Shorten(wanted)}'");
    }

    /// <summary>Creates gear; drops the athlete's cached reads.</summary>
    public async Task<GearDto> CreateAsync(AthleteScope scope, GearDto gear, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        try
        {
            return await reads.Client.CreateGearAsync(scope.Credential, scope.AthleteId, gear, ct);
        }
        finally
        {
            await reads.InvalidateAthleteAsync(scope.AthleteId, ct);
        }
    }

    /// <summary>Marks gear retired on <paramref name="date"/>; drops the athlete's cached reads.</summary>
    public async Task<GearDto> RetireAsync(AthleteScope scope, string gearId, DateOnly date, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        try
        {
            return await reads.Client.UpdateGearAsync(scope.Credential, scope.AthleteId, gearId, new GearDto { Retired = DateRange.Format(date) }, ct);
        }
        finally
        {
            await reads.InvalidateAthleteAsync(scope.AthleteId, ct);
        }
    }

    /// <summary>Creates the reminder, or updates <paramref name="existingId"/> in place; returns the gear.</summary>
    public async Task<GearDto> SetReminderAsync(AthleteScope scope, string gearId, long? existingId, GearReminderDto reminder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        try
        {
            return existingId is { } id
                ? await reads.Client.UpdateGearReminderAsync(scope.Credential, scope.AthleteId, gearId, id, reminder, cancellationToken: ct)
                : await reads.Client.CreateGearReminderAsync(scope.Credential, scope.AthleteId, gearId, reminder, ct);
        }
        finally
        {
            await reads.InvalidateAthleteAsync(scope.AthleteId, ct);
        }
    }

    private static GearReminderRow Reminder(GearReminderDto r, DateOnly today)
    {
        double? remainingKm = r.Distance is > 0 ? Math.Round(Math.Max(0, r.Distance.Value - (r.DistanceUsed ?? 0)) / 1000, 1) : null;
        int? remainingDays = r.Days is > 0 ? Math.Max(0, r.Days.Value - (r.DaysUsed ?? 0)) : null;
        var snoozed = SnoozeDate(r.SnoozedUntil) is { } until && until > today ? DateRange.Format(until) : null;
        var status = snoozed is not null ? "snoozed"
            : r.PercentUsed >= 100 ? "due"
            : r.PercentUsed >= DueSoonPct ? "due_soon"
            : "ok";
        return new GearReminderRow(
            r.Id!.Value,
            r.Name ?? "Service",
            r.Distance is > 0 ? Math.Round(r.Distance.Value / 1000, 1) : null,
            r.Days is > 0 ? r.Days : null,
            r.Time is > 0 ? Math.Round(r.Time.Value / 3600, 1) : null,
            r.Activities is > 0 ? r.Activities : null,
            Units.Round(r.PercentUsed, 1),
            remainingKm,
            remainingDays,
            snoozed,
            status);
    }

    private static DateOnly? SnoozeDate(string? value) =>
        value is { Length: >= 10 } && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string Describe(IEnumerable<GearDto> gear) =>
        string.Join(", ", gear.Take(12).Select(g => $"{g.Name} ({g.Id}{(string.IsNullOrWhiteSpace(g.Retired) ? "" : ", retired")})"));
}
