using IcuSync.Server.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcuSync.Server.Web.Pages.SignIn;

/// <summary>
/// Where a confirmed Intervals.icu identity lands (the OAuth callback, or an API key of an unknown athlete): a known
/// athlete is signed in at once; a new one gives an email first.
/// </summary>
public sealed class CompleteModel(IntervalsSignIn signIn) : PageModel
{
    public string AthleteId { get; private set; } = "";

    public string AthleteName { get; private set; } = "";

    public string? Email { get; private set; }

    public string? Error { get; private set; }

    public string? ReturnUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        ReturnUrl = Local(this.Query("returnUrl"));
        var pending = await WebSession.ReadPendingAsync(HttpContext);
        if (pending is null)
        {
            return Redirect("/error/signin");
        }

        var account = await signIn.FindAccountAsync(pending, HttpContext.RequestAborted);
        if (account is null && pending.Kind == CredentialKind.OAuth && pending.Email is null)
        {
            // A new athlete from the OAuth callback: ask Intervals.icu for the email to propose it.
            pending = await signIn.IdentifyOAuthAsync(pending.AthleteId, pending.Name, pending.Secret, pending.Scopes, HttpContext.RequestAborted);
            if (pending.Email is not null)
            {
                await WebSession.SignInPendingAsync(HttpContext, pending);
            }
        }

        return await FinishAsync(pending, null, null);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = this.Form("email");
        var name = this.Form("name");
        ReturnUrl = Local(this.Form("returnUrl"));
        var pending = await WebSession.ReadPendingAsync(HttpContext);
        if (pending is null)
        {
            return Redirect("/error/signin");
        }

        if (string.IsNullOrWhiteSpace(email))
        {
            Show(pending, email);
            Error = "The email address is empty. Enter an address like name@example.com.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return await FinishAsync(pending, email, name);
    }

    private async Task<IActionResult> FinishAsync(PendingConnection pending, string? email, string? name)
    {
        var result = await signIn.CompleteAsync(pending, email, name, HttpContext.RequestAborted);
        switch (result.Status)
        {
            case SignInStatus.SignedIn:
                await WebSession.SignInAsync(HttpContext, result.Account!);
                return Redirect(ReturnUrl ?? "/dashboard");
            case SignInStatus.NeedsEmail:
                Show(pending, email);
                Error = result.Error?.Message;
                if (Error is not null)
                {
                    Response.StatusCode = StatusCodes.Status400BadRequest;
                }

                return Page();
            default:
                Show(pending, email);
                Error = result.Error?.Message ?? "The sign-in could not be completed. Start again.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    private static string? Local(string? path) => WebSetup.IsLocalPath(path) ? path : null;

    private void Show(PendingConnection pending, string? email)
    {
        AthleteId = pending.AthleteId;
        AthleteName = pending.Name;
        Email = email ?? pending.Email;
    }
}
