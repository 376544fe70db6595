using IcuSync.Server.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcuSync.Server.Web.Pages.SignIn;

/// <summary>Sign-in: Intervals.icu OAuth, an API key, and in demo mode the sandbox principals.</summary>
public sealed class SignInModel(IntervalsSignIn signIn, IAuthenticationSchemeProvider schemes, WebMode mode) : PageModel
{
    public bool OAuthEnabled { get; private set; }

    public bool OAuthOff { get; private set; }

    public bool IsDemo => mode.IsDemo;

    public string? ReturnUrl { get; private set; }

    /// <summary>The OAuth start, carrying the page to come back to.</summary>
    public string IntervalsStart => ReturnUrl is null ? "/signin/intervals" : "/signin/intervals?returnUrl=" + Uri.EscapeDataString(ReturnUrl);

    public string? SignedInName { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? returnUrl, string? oauth)
    {
        await LoadAsync(returnUrl);
        OAuthOff = oauth == "off";
    }

    public async Task<IActionResult> OnPostApiKeyAsync(string? returnUrl)
    {
        var identity = await signIn.IdentifyApiKeyAsync(this.Form("apiKey"), HttpContext.RequestAborted);
        return await FinishAsync(identity, returnUrl);
    }

    public async Task<IActionResult> OnPostDemoAsync(string? who, string? returnUrl)
    {
        if (!mode.IsDemo || DemoPrincipals.Find(who) is not { } principal)
        {
            return NotFound();
        }

        var identity = await signIn.IdentifyApiKeyAsync(principal.ApiKey, HttpContext.RequestAborted);
        return await FinishAsync(identity, string.IsNullOrEmpty(returnUrl) ? principal.Landing : returnUrl);
    }

    private async Task<IActionResult> FinishAsync(AccountResult<PendingConnection> identity, string? returnUrl)
    {
        if (!identity.Succeeded)
        {
            if (identity.Error.Code == WebErrorCodes.IntervalsUnavailable)
            {
                return Redirect("/error/outage");
            }

            await LoadAsync(returnUrl);
            Error = identity.Error.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await signIn.CompleteAsync(identity.Value, null, null, HttpContext.RequestAborted);
        switch (result.Status)
        {
            case SignInStatus.SignedIn:
                await WebSession.SignInAsync(HttpContext, result.Account!);
                return LocalRedirect(SafeReturn(returnUrl));
            case SignInStatus.NeedsEmail:
                await WebSession.SignInPendingAsync(HttpContext, identity.Value);
                return Redirect("/signin/complete");
            default:
                await LoadAsync(returnUrl);
                Error = result.Error?.Message ?? "The sign-in could not be completed. Try again.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    private async Task LoadAsync(string? returnUrl)
    {
        OAuthEnabled = await schemes.GetSchemeAsync(WebSession.IntervalsScheme) is not null;
        ReturnUrl = WebSetup.IsLocalPath(returnUrl) ? returnUrl : null;
        SignedInName = WebSession.AccountId(User) is null ? null : User.Identity?.Name;
    }

    private static string SafeReturn(string? returnUrl) => WebSetup.IsLocalPath(returnUrl) ? returnUrl! : "/dashboard";
}
