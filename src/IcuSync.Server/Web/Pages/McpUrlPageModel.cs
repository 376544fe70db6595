using IcuSync.Server.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcuSync.Server.Web.Pages;

/// <summary>
/// A signed-in account page that shows one of the account's MCP URLs: the notices named in the query string, the
/// problem banner, and the Reveal and Regenerate buttons of the URL box, all for the token of <see cref="Owner"/>.
/// </summary>
public abstract class McpUrlPageModel(McpTokenService tokens) : PageModel
{
    public McpUrlView McpUrl { get; protected set; } = null!;

    public string? Notice { get; protected set; }

    public string? Problem { get; protected set; }

    protected Guid AccountId => WebSession.AccountId(User) ?? Guid.Empty;

    protected string Actor => Actors.Athlete(AccountId);

    /// <summary>Whose token the URL box shows.</summary>
    protected abstract TokenOwner Owner { get; }

    /// <summary>The notices this page shows for <c>?notice=</c>; must hold <c>regenerated</c>.</summary>
    protected abstract IReadOnlyDictionary<string, string> Notices { get; }

    /// <summary>Where a session whose account is gone signs in again.</summary>
    protected abstract string SignInPath { get; }

    /// <summary>Loads the page for the signed-in account (revealing <paramref name="revealedUrl"/>); false when the account is gone.</summary>
    protected abstract Task<bool> LoadAsync(string? revealedUrl);

    public async Task<IActionResult> OnGetAsync(string? notice)
    {
        if (!await LoadAsync(null))
        {
            return await SignOutAsync();
        }

        Notice = notice is not null && Notices.TryGetValue(notice, out var text) ? text : null;
        return Page();
    }

    public async Task<IActionResult> OnPostRevealAsync()
    {
        var issued = await tokens.GetOrIssueAsync(Owner, Actor, HttpContext.RequestAborted);
        if (!await LoadAsync(issued.Succeeded ? issued.Value.McpUrl : null))
        {
            return await SignOutAsync();
        }

        Problem = issued.Succeeded ? null : issued.Error.Message;
        return Page();
    }

    public async Task<IActionResult> OnPostRegenerateAsync()
    {
        var issued = await tokens.RegenerateAsync(Owner, Actor, HttpContext.RequestAborted);
        if (!await LoadAsync(issued.Succeeded ? issued.Value.McpUrl : null))
        {
            return await SignOutAsync();
        }

        Notice = issued.Succeeded ? Notices["regenerated"] : null;
        Problem = issued.Succeeded ? null : issued.Error.Message;
        return Page();
    }

    /// <summary>Shows the page again with <paramref name="message"/> in the problem banner and status 400.</summary>
    protected async Task<IActionResult> ShowProblemAsync(string message)
    {
        if (!await LoadAsync(null))
        {
            return await SignOutAsync();
        }

        Problem = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Ends a session whose account no longer exists.</summary>
    protected async Task<IActionResult> SignOutAsync()
    {
        await HttpContext.SignOutAsync(WebSession.SessionScheme);
        return Redirect(SignInPath);
    }
}
