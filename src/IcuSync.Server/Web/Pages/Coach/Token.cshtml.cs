using IcuSync.Server.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcuSync.Server.Web.Pages.Coach;

/// <summary>
/// "Manage your token" for invited coaches: resend the URL or regenerate the token, each confirmed by an emailed link.
/// The answer is the same whether or not the email is known; only a malformed address or the rate limit is refused.
/// </summary>
public sealed class ManageTokenModel(CoachTokenRequests requests) : PageModel
{
    public string? Email { get; private set; }

    public string? Error { get; private set; }

    public string? Accepted { get; private set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostResendAsync() =>
        HandleAsync(this.Form("email"), requests.RequestResendAsync);

    public Task<IActionResult> OnPostRegenerateAsync() =>
        HandleAsync(this.Form("email"), requests.RequestRegenerateAsync);

    private async Task<IActionResult> HandleAsync(
        string? email,
        Func<string, string?, CancellationToken, Task<AccountResult<TokenRequestAccepted>>> request)
    {
        var result = await request(email ?? "", HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            Accepted = result.Value.Message;
            return Page();
        }

        Email = email;
        Error = result.Error.Message;
        Response.StatusCode = result.Error.Code == AccountErrorCodes.RateLimited
            ? StatusCodes.Status429TooManyRequests
            : StatusCodes.Status400BadRequest;
        return Page();
    }
}
