using System.Text.Json;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>
/// The intents' form of the dry run → confirm protocol: <c>dry_run</c> (default true) plus the <c>confirm</c> code a dry run
/// returns. A dry run always previews and issues a code; <c>dry_run:false</c> applies only with a valid code for exactly the
/// same change, and without one it is refused and audited. Codes are checked by <see cref="WriteGate"/>, as for the classic writes.
/// </summary>
public static class DryRunGate
{
    /// <summary>
    /// True when the call asks to apply: <c>dry_run:false</c>, or a code given without <c>dry_run</c>. An explicit
    /// <c>dry_run:true</c> always previews.
    /// </summary>
    public static bool WantsApply(bool? dryRun, JsonElement? confirm) => dryRun == false || (dryRun is null && HasCode(confirm));

    /// <summary>True when <paramref name="confirm"/> holds anything but null/false/an empty string.</summary>
    public static bool HasCode(JsonElement? confirm) =>
        confirm is { } value
        && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False)
        && !(value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()));

    /// <summary>
    /// Previews (issuing a code) unless <paramref name="apply"/>; applying needs a valid code, else the call is refused
    /// (audited) and nothing is written.
    /// </summary>
    public static async Task<WriteDecision> DecideAsync(
        WriteGate gate,
        AthleteScope scope,
        string tool,
        bool apply,
        JsonElement? confirm,
        string canonicalPayload,
        string what,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gate);
        if (!apply)
        {
            return await gate.DecideAsync(scope, tool, canonicalPayload, null, what, cancellationToken);
        }

        if (!HasCode(confirm))
        {
            await gate.RefusedAsync(scope, tool, what, "confirm_missing", cancellationToken);
            throw ToolFailure.Refused(
                $"dry_run:false needs the 'confirm' code from a dry run of exactly this change; nothing was written. Call {tool} with dry_run:true " +
                "(the default) first, show the preview to the user, and after their explicit approval repeat the same arguments with dry_run:false and confirm:<code>.");
        }

        return await gate.DecideAsync(scope, tool, canonicalPayload, confirm, what, cancellationToken);
    }
}
