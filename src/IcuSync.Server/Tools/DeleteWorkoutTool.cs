using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Tools;

[McpServerToolType]
public sealed class DeleteWorkoutTool(ToolRuntime runtime, PlannedWorkouts workouts, WriteGate gate)
{
    public const string Name = "delete_workout";

    [McpServerTool(Name = Name, Title = "Delete a planned workout or note", ReadOnly = false, Idempotent = true, Destructive = true, OpenWorld = true)]
    [OutputSchema(typeof(DeleteWorkoutResult))]
    [Description("Removes ONE planned workout or note from the athlete's calendar. Name it by 'event_id' (from get_events), or by 'date' plus " +
        "'name_contains'; an ambiguous match lists the candidates instead of guessing. Call first WITHOUT 'confirm': the dry run shows exactly " +
        "what would be deleted and returns a 'confirm' code; warn the user and, only after they approve, repeat the SAME arguments with " +
        "confirm=<code>. Races and completed workouts/activities are never deleted. To change a workout, use edit_workout instead.")]
    public Task<CallToolResult> DeleteWorkoutAsync(
        [Description("Id of the event to delete (from get_events or push_workout).")] long? event_id = null,
        [Description("Athlete-local date of the event, YYYY-MM-DD, when not giving event_id.")] string? date = null,
        [Description("With date: a fragment of the event's name or description, e.g. 'Recovery' (case-insensitive).")] string? name_contains = null,
        [Description("Omit for the dry run. To delete: the 'confirm' code returned by the dry run of exactly these arguments (a code, never true).")] JsonElement? confirm = null,
        [Description("Athlete name or id; defaults to the selected athlete.")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            if (event_id is <= 0)
            {
                throw ToolFailure.BadArgument("event_id", "a positive event id from get_events", $"got {event_id}");
            }

            var lookup = await workouts.FindAsync(scope, event_id, ToolArguments.OptionalDate(date, "date"), name_contains, cancellationToken);
            if (lookup.Match is not { } doomed)
            {
                var missing = new DeleteWorkoutResult(scope.Context, lookup.Candidates.Count > 1 && event_id is null ? "ambiguous" : "not_found",
                    null, null, lookup.Candidates.Count > 0 ? lookup.Candidates : null, lookup.Problem, null, null,
                    ["get_events for the date range to see event ids"]);
                var error = ToolResponse.From(missing, Render(missing));
                error.IsError = true;
                return error;
            }

            var row = PlannedWorkouts.Row(doomed);
            var what = string.Create(CultureInfo.InvariantCulture, $"event={row.Id} date={row.Date} category={row.Category} name=\"{ToolArguments.Shorten(row.Name ?? "")}\"");
            if (PlannedWorkouts.WhyNotWritable(scope, doomed, "delete") is { } why)
            {
                await gate.RefusedAsync(scope, Name, what, "not_writable", cancellationToken);
                throw ToolFailure.Refused(why + " Nothing was deleted.");
            }

            // The code covers this exact set: the id and the event as it is now, so a changed or different event needs a new dry run.
            var payload = new StringBuilder()
                .Append("delete=").Append(row.Id)
                .Append("\ndate=").Append(row.Date)
                .Append("\ncategory=").Append(row.Category)
                .Append("\nsport=").Append(row.Sport)
                .Append("\nname=").Append(row.Name)
                .Append("\ntext=\n").Append(PlannedWorkouts.NormalizeNewlines(doomed.Description ?? ""))
                .ToString();
            var decision = await gate.DecideAsync(scope, Name, payload, confirm, what, cancellationToken);
            if (!decision.Apply)
            {
                var dryRun = new DeleteWorkoutResult(scope.Context, "dry_run", [row], null, null, null, decision.ConfirmCode, PushWorkoutTool.Utc(decision.ExpiresAt),
                    [$"Tell the user exactly what will be deleted; after they approve, call delete_workout again with the same arguments and confirm=\"{decision.ConfirmCode}\""]);
                return ToolResponse.From(dryRun, Render(dryRun));
            }

            var gone = await workouts.DeleteAsync(scope, row.Id, cancellationToken);
            await gate.AppliedAsync(scope, Name, decision, $"{what} gone={(gone ? "yes" : "NO")}", cancellationToken);
            var done = new DeleteWorkoutResult(scope.Context, gone ? "deleted" : "delete_not_confirmed", null, [row], null,
                gone ? null : $"Intervals.icu accepted the delete but event {row.Id} can still be read. Check the calendar before retrying.",
                null, null, ["get_events to review the calendar"]);
            return ToolResponse.From(done, Render(done));
        }, cancellationToken);

    private static string Render(DeleteWorkoutResult r)
    {
        var text = new StringBuilder();
        switch (r.Status)
        {
            case "dry_run":
                text.Append("DRY RUN — nothing deleted yet. This would delete from ").Append(r.Context.AthleteName).Append("'s calendar:");
                break;
            case "deleted":
                text.Append("Deleted from ").Append(r.Context.AthleteName).Append("'s calendar:");
                break;
            default:
                text.Append(r.Status == "delete_not_confirmed" ? "⚠ " : "Nothing was deleted. ").Append(r.Problem);
                break;
        }

        foreach (var e in (r.WouldDelete ?? []).Concat(r.Deleted ?? []).Concat(r.Candidates ?? []))
        {
            text.Append("\n[").Append(e.Id).Append("] ").Append(e.Date).Append(' ').Append(e.Category);
            if (e.Sport is { } sport)
            {
                text.Append(' ').Append(sport);
            }

            text.Append(" '").Append(e.Name).Append('\'');
        }

        if (r.Confirm is { } code)
        {
            text.Append("\nTo delete it, call delete_workout again with the same arguments and confirm=\"").Append(code).Append("\" (valid until ").Append(r.ConfirmExpiresUtc).Append(").");
        }

        return text.ToString();
    }
}

/// <summary>The result of delete_workout.</summary>
/// <param name="Context">Whose calendar, and the local today used.</param>
/// <param name="Status"><c>dry_run</c>, <c>deleted</c>, <c>delete_not_confirmed</c>, <c>not_found</c> or <c>ambiguous</c>.</param>
/// <param name="WouldDelete">Dry run: exactly the event(s) the confirm code deletes.</param>
/// <param name="Deleted">The event(s) deleted.</param>
/// <param name="Candidates">When the lookup was ambiguous or found nothing: the events to choose from.</param>
/// <param name="Problem">Why nothing was deleted.</param>
/// <param name="Confirm">Dry run only: the code that authorises deleting exactly <paramref name="WouldDelete"/>.</param>
/// <param name="ConfirmExpiresUtc">When the code expires.</param>
/// <param name="NextActions">Hints for the next call.</param>
public sealed record DeleteWorkoutResult(
    ResultContext Context,
    string Status,
    IReadOnlyList<PlannedEventRow>? WouldDelete,
    IReadOnlyList<PlannedEventRow>? Deleted,
    IReadOnlyList<PlannedEventRow>? Candidates,
    string? Problem,
    string? Confirm,
    string? ConfirmExpiresUtc,
    IReadOnlyList<string>? NextActions);
