using System.Globalization;
using IcuSync.Server.Accounts;
using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Web;

/// <summary>One line of the dashboard's activity log.</summary>
public sealed record ActivityEntry(DateTimeOffset At, string Text);

/// <summary>An invited coach as the athlete's dashboard shows it: the invite, and when the coach last used their URL.</summary>
public sealed record CoachRow(InviteSummary Invite, DateTimeOffset? LastUsedAt);

/// <summary>
/// Read-only views for the dashboard, composed from the account services: the coaches list and a short, plain-language
/// activity log (token use, invites, grant changes, connections). Shows coach emails to their athlete, never secrets.
/// </summary>
public sealed class DashboardReader(
    CoachInviteService invites,
    McpTokenService tokens,
    AuditLog audit,
    IDbContextFactory<IcuSyncDbContext> dbFactory,
    IOptions<WebOptions> options)
{
    public async Task<IReadOnlyList<CoachRow>> CoachesAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var list = await invites.ListAsync(accountId, cancellationToken);
        var rows = new List<CoachRow>(list.Count);
        foreach (var invite in list)
        {
            var coachTokens = await tokens.ListAsync(null, invite.CoachId, cancellationToken);
            rows.Add(new CoachRow(invite, coachTokens.Where(t => t.RevokedAt is null).Max(t => t.LastUsedAt)));
        }

        return rows;
    }

    /// <summary>The newest entries first: audit rows of the account plus the last use of its MCP URLs and its coaches' URLs.</summary>
    public async Task<IReadOnlyList<ActivityEntry>> ActivityAsync(Guid accountId, IReadOnlyList<CoachRow> coaches, CancellationToken cancellationToken)
    {
        var size = options.Value.ActivityLogSize;
        var rows = await audit.ListAsync(size, accountId, null, cancellationToken);
        var emails = await CoachEmailsAsync(rows, coaches, cancellationToken);
        var entries = new List<ActivityEntry>();
        foreach (var token in await tokens.ListAsync(accountId, null, cancellationToken))
        {
            if (token.RevokedAt is null && token.LastUsedAt is { } used)
            {
                entries.Add(new ActivityEntry(used, token.Kind == McpTokenKind.DirectCoach
                    ? "Claude used your direct-coach MCP URL."
                    : "Claude used your MCP URL."));
            }
        }

        foreach (var coach in coaches)
        {
            if (coach.LastUsedAt is { } used)
            {
                entries.Add(new ActivityEntry(used, $"{coach.Invite.CoachEmail} used their coach MCP URL."));
            }
        }

        foreach (var row in rows)
        {
            if (Describe(row, emails) is { } text)
            {
                entries.Add(new ActivityEntry(row.At, text));
            }
        }

        return [.. entries.OrderByDescending(e => e.At).Take(size)];
    }

    /// <summary>The emails of the coaches the log mentions, including coaches already removed (the audit rows hold only ids).</summary>
    private async Task<Dictionary<Guid, string>> CoachEmailsAsync(IReadOnlyList<AuditRecord> rows, IReadOnlyList<CoachRow> coaches, CancellationToken cancellationToken)
    {
        var emails = coaches.ToDictionary(c => c.Invite.CoachId, c => c.Invite.CoachEmail);
        var missing = rows.Select(r => r.InvitedCoachId).OfType<Guid>().Where(id => !emails.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            foreach (var coach in await db.InvitedCoaches.AsNoTracking().Where(c => missing.Contains(c.Id)).ToListAsync(cancellationToken))
            {
                emails[coach.Id] = coach.Email;
            }
        }

        return emails;
    }

    private static string? Describe(AuditRecord row, IReadOnlyDictionary<Guid, string> emails)
    {
        var coach = row.InvitedCoachId is { } id && emails.TryGetValue(id, out var email) ? email : "a coach";
        var detail = row.Detail ?? "";
        var direct = detail.Contains("kind=DirectCoach", StringComparison.Ordinal);
        return row.Event switch
        {
            AuditEvents.AccountCreated => "Account created.",
            AuditEvents.PlanChanged => $"Plan set to {Value(detail, "plan") ?? "a new value"}.",
            AuditEvents.CredentialConnected => detail.Contains("OAuth", StringComparison.Ordinal)
                ? "Connected to Intervals.icu (signed in with Intervals.icu)."
                : "Connected to Intervals.icu with an API key.",
            AuditEvents.CredentialRemoved => "Disconnected from Intervals.icu; the stored credential was deleted.",
            AuditEvents.DirectCoachChanged => detail.Contains("enabled", StringComparison.Ordinal) ? "Direct coach mode turned on." : "Direct coach mode turned off.",
            AuditEvents.TokenIssued => direct ? "Direct-coach MCP URL created." : "MCP URL created.",
            AuditEvents.TokenRegenerated => direct ? "Direct-coach MCP URL regenerated; the old one stopped working." : "MCP URL regenerated; the old one stopped working.",
            AuditEvents.TokenRevoked => "An MCP URL was revoked.",
            AuditEvents.InviteSent => $"Invited {coach} with {ToolCount(detail)}.",
            AuditEvents.GrantsChanged => $"Changed the tools of {coach}: now {ToolCount(detail)}.",
            AuditEvents.InviteRevoked => $"Removed {coach}'s access.",
            _ => null,
        };
    }

    private static string ToolCount(string detail)
    {
        var tools = Value(detail, "tools")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return tools.Length switch
        {
            0 => "no tools",
            1 => tools[0],
            <= 3 => string.Join(", ", tools),
            _ => tools.Length.ToString(CultureInfo.InvariantCulture) + " tools",
        };
    }

    private static string? Value(string detail, string key)
    {
        foreach (var part in detail.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(key + "=", StringComparison.Ordinal))
            {
                return part[(key.Length + 1)..];
            }
        }

        return null;
    }
}
