using IcuSync.Server.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace IcuSync.Server.Web.Pages.Coach;

/// <summary>
/// Direct coach mode (option B): the signed-in account's own Intervals.icu coach roster, each athlete's access level
/// (read or write), and the direct-coach MCP URL.
/// </summary>
public sealed class DirectModel(
    AthleteAccountService accounts,
    DirectCoachRosters rosters,
    McpTokenService tokens) : McpUrlPageModel(tokens)
{
    private static readonly Dictionary<string, string> PageNotices = new(StringComparer.Ordinal)
    {
        ["enabled"] = "Direct coach mode is on. Your roster is below.",
        ["disabled"] = "Direct coach mode is off. Your direct-coach MCP URL reaches only your own data until you turn it on again.",
        ["regenerated"] = "Your direct-coach MCP URL was regenerated. The old one no longer works: update the connector in Claude.",
    };

    public AccountSummary Account { get; private set; } = null!;

    public RosterSnapshot? Roster { get; private set; }

    protected override TokenOwner Owner => TokenOwner.DirectCoach(AccountId);

    protected override IReadOnlyDictionary<string, string> Notices => PageNotices;

    protected override string SignInPath => "/signin?returnUrl=%2Fcoach%2Fdirect";

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

    protected override async Task<bool> LoadAsync(string? revealedUrl)
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
}
