using IcuSync.Server.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace IcuSync.Server.Web.Pages.Dashboard;

/// <summary>
/// The athlete dashboard: the MCP URL (revealed on request), the Intervals.icu connection, the invited coaches with their
/// tools (editable in place), the invite form and a short activity log. Every change goes through the account services.
/// </summary>
public sealed class DashboardModel(
    AthleteAccountService accounts,
    McpTokenService tokens,
    CoachInviteService invites,
    DashboardReader reader,
    IAuthenticationSchemeProvider schemes) : McpUrlPageModel(tokens)
{
    private static readonly Dictionary<string, string> PageNotices = new(StringComparer.Ordinal)
    {
        ["invited"] = "Invite sent. Your coach will receive an email with their MCP URL.",
        ["invited-nomail"] = "Invite saved, but the email could not be sent. Your coach can use \"Resend my MCP URL\" on the Manage your token page.",
        ["updated"] = "This coach was already invited: their tools were updated. No new email was sent.",
        ["grants"] = "Tools saved. Your coach's next request uses the new set.",
        ["revoked"] = "Coach removed. Their next request to your data is refused.",
        ["disconnected"] = "Disconnected from Intervals.icu. The stored credential was deleted; your MCP URLs reach no data until you connect again.",
        ["regenerated"] = "Your MCP URL was regenerated. The old one no longer works: update the connector in Claude.",
    };

    public AccountSummary Account { get; private set; } = null!;

    public IReadOnlyList<CoachRow> Coaches { get; private set; } = [];

    public IReadOnlyList<ActivityEntry> Activity { get; private set; } = [];

    public bool OAuthEnabled { get; private set; }

    public string? InviteError { get; private set; }

    public string? InviteEmail { get; private set; }

    public IReadOnlySet<string> InviteTools { get; private set; } = ToolCatalog.ReadTools.ToHashSet(StringComparer.Ordinal);

    public Guid? GrantsErrorInvite { get; private set; }

    public string? GrantsError { get; private set; }

    protected override TokenOwner Owner => TokenOwner.Athlete(AccountId);

    protected override IReadOnlyDictionary<string, string> Notices => PageNotices;

    protected override string SignInPath => "/signin";

    public async Task<IActionResult> OnPostDisconnectAsync()
    {
        var result = await accounts.DisconnectIntervalsAsync(AccountId, Actor, HttpContext.RequestAborted);
        return result.Succeeded ? Redirect("/dashboard?notice=disconnected") : await ShowProblemAsync(result.Error);
    }

    public async Task<IActionResult> OnPostInviteAsync(string[]? tools)
    {
        var coachEmail = this.Form("coachEmail");
        var result = await invites.InviteAsync(AccountId, new CoachInviteRequest(coachEmail ?? "", tools ?? []), Actor, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            var notice = result.Value.Change == InviteChange.GrantsUpdated ? "updated" : result.Value.EmailSent ? "invited" : "invited-nomail";
            return Redirect("/dashboard?notice=" + notice + "#coaches");
        }

        if (!await LoadAsync(null))
        {
            return await SignOutAsync();
        }

        InviteError = result.Error.Message;
        InviteEmail = coachEmail;
        InviteTools = (tools ?? []).ToHashSet(StringComparer.Ordinal);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostGrantsAsync(Guid inviteId, string[]? tools)
    {
        var result = await invites.ChangeGrantsAsync(AccountId, inviteId, tools ?? [], Actor, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            return Redirect("/dashboard?notice=grants#coaches");
        }

        if (!await LoadAsync(null))
        {
            return await SignOutAsync();
        }

        GrantsErrorInvite = inviteId;
        GrantsError = result.Error.Code == AccountErrorCodes.NoTools
            ? "Tick at least one tool. To take away all access, use \"Remove this coach\" instead."
            : result.Error.Message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid inviteId)
    {
        var result = await invites.RevokeAsync(AccountId, inviteId, Actor, HttpContext.RequestAborted);
        return result.Succeeded ? Redirect("/dashboard?notice=revoked#coaches") : await ShowProblemAsync(result.Error);
    }

    /// <summary>The id prefix of one coach's checkboxes (unique on the page).</summary>
    public static string CoachPrefix(CoachRow coach) => "coach-" + coach.Invite.InviteId.ToString("N")[..8];

    private Task<IActionResult> ShowProblemAsync(AccountError error) => ShowProblemAsync(error.Message);

    protected override async Task<bool> LoadAsync(string? revealedUrl)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await accounts.GetAsync(AccountId, cancellationToken) is not { } account)
        {
            return false;
        }

        Account = account;
        McpUrl = new McpUrlView("mcp", revealedUrl, "Reveal", "Regenerate", "Your MCP URL");
        Coaches = await reader.CoachesAsync(account.Id, cancellationToken);
        Activity = await reader.ActivityAsync(account.Id, Coaches, cancellationToken);
        OAuthEnabled = await schemes.GetSchemeAsync(WebSession.IntervalsScheme) is not null;
        return true;
    }
}
