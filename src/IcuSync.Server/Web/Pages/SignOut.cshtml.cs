using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcuSync.Server.Web.Pages;

/// <summary>Ends the browser session (POST only; the GET shows a confirmation button).</summary>
public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WebSession.SessionScheme);
        await HttpContext.SignOutAsync(WebSession.PendingScheme);
        return Redirect("/");
    }
}
