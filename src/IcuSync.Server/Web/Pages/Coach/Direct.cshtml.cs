using IcuSync.Server.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcuSync.Server.Web.Pages.Coach;

/// <summary>
/// Direct coach mode (option B): the signed-in account's own Intervals.icu coach roster, each athlete's access level
/// (read or write), and the direct-coach MCP URL.
/// </summary>
public sealed class DirectModel(
    AthleteAccountService accounts,
    DirectCoachRosters rosters,
    McpTokenService tokens) : PageModel
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["enabled"] = "Direct coach mode is on. Your roster is below.",
        ["disabled"] = "Direct coach mode is off. Your direct-coach MCP URL reaches only your own data until you turn it on again.",
        ["regenerated"] = "Your direct-coach MCP URL was regenerated. The old one no longer works: update the connector in Claude.",
    };

    public AccountSummary Account { get; private set; } = null!;

    public RosterSnapshot? Roster { get; private set; }

    public McpUrlView McpUrl { get; private set; } = null!;

    public string? Notice { get; private set; }

    public string? Problem { get; private set; }

    private Guid AccountId => WebSession.AccountId(User) ?? Guid.Empty;

    private string Actor => Actors.Athlete(AccountId);

    public async Task<IActionResult> OnGetAsync(string? notice)
    {
        if (!await LoadAsync(null))
        {
            return await SignOutAsync();
        }

        Notice = notice is not null && Notices.TryGetValue(notice, out var text) ? text : null;
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var result = await accounts.SetDirectCoachAsync(AccountId, true, Actor, HttpContext.RequestAborted);
        return result.Succeeded ? Redirect("/coach/direct?notice=enabled") : await ShowProblemAsync(result.Error.Message);
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var result = await accounts.SetDirectCoachAsync(AccountId, false, Actor, HttpContext.RequestAborted);
        return result.Succeeded ? Redirect("/coach/direct?notice=disabled") : await ShowProblemAsync(result.Error.Message);
    }

    public async Task<IActionResult> OnPostRevealAsync()
    {
        var issued = await tokens.GetOrIssueAsync(TokenOwner.DirectCoach(AccountId), Actor, HttpContext.RequestAborted);
        if (!await LoadAsync(issued.Succeeded ? issued.Value.McpUrl : null))
        {
            return await SignOutAsync();
        }

        Problem = issued.Succeeded ? null : issued.Error.Message;
        return Page();
    }

    public async Task<IActionResult> OnPostRegenerateAsync()
    {
        var issued = await tokens.RegenerateAsync(TokenOwner.DirectCoach(AccountId), Actor, HttpContext.RequestAborted);
        if (!await LoadAsync(issued.Succeeded ? issued.Value.McpUrl : null))
        {
            return await SignOutAsync();
        }

        Notice = issued.Succeeded ? Notices["regenerated"] : null;
        Problem = issued.Succeeded ? null : issued.Error.Message;
        return Page();
    }

    public static string Access(RosterPermission permission) => permission switch
    {
        RosterPermission.Write => "Write",
        RosterPermission.Read => "Read",
        _ => "None",
    };

    public static string ToolsFor(RosterPermission permission) => permission switch
    {
        RosterPermission.Write => "All tools, including writing workouts",
        RosterPermission.Read => "Read tools only",
        _ => "No tools",
    };

    private async Task<IActionResult> ShowProblemAsync(string message)
    {
        if (!await LoadAsync(null))
        {
            return await SignOutAsync();
        }

        Problem = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string? revealedUrl)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await accounts.GetAsync(AccountId, cancellationToken) is not { } account)
        {
            return false;
        }

        Account = account;
        McpUrl = new McpUrlView("direct", revealedUrl, "Reveal", "Regenerate", "Your coach MCP URL");
        if (account.DirectCoach && account.CredentialKind != CredentialKind.None)
        {
            var roster = await rosters.RefreshAsync(account.Id, cancellationToken);
            Roster = roster.Succeeded ? roster.Value : null;
        }

        return true;
    }

    private async Task<IActionResult> SignOutAsync()
    {
        await HttpContext.SignOutAsync(WebSession.SessionScheme);
        return Redirect("/signin?returnUrl=%2Fcoach%2Fdirect");
    }
}
