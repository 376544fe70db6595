using IcuSync.Server.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcuSync.Server.Web.Pages.Coach;

/// <summary>
/// The page a confirmation link opens. Opening it shows what will happen; the button performs the action, once.
/// Expired, used and unknown links go to the friendly error page.
/// </summary>
public sealed class ConfirmModel(CoachTokenRequests requests, ConfirmationLinkPreview preview) : PageModel
{
    public string Code { get; private set; } = "";

    public ConfirmationPurpose? Purpose { get; private set; }

    public string? Done { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var code = this.Query("code");
        var link = await preview.ReadAsync(code, HttpContext.RequestAborted);
        switch (link.State)
        {
            case LinkState.Usable:
                Code = code!;
                Purpose = link.Purpose;
                return Page();
            case LinkState.Expired:
                return Redirect("/error/expired");
            case LinkState.Used:
                return Redirect("/error/used");
            default:
                return Redirect("/error/link");
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var code = this.Form("code");
        var result = await requests.ConfirmAsync(code ?? "", HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            Purpose = result.Value.Purpose;
            Done = result.Value.Message;
            return Page();
        }

        return result.Error.Code switch
        {
            AccountErrorCodes.LinkExpired => Redirect("/error/expired"),
            AccountErrorCodes.LinkUsed => Redirect("/error/used"),
            AccountErrorCodes.LinkInvalid => Redirect("/error/link"),
            _ => ShowError(result.Error.Message),
        };
    }

    private PageResult ShowError(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status502BadGateway;
        return Page();
    }
}
