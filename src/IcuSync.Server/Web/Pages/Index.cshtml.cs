using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcuSync.Server.Web.Pages;

/// <summary>The landing page: what IcuSync is, how athletes and coaches connect, and how to add the connector in Claude.</summary>
public sealed class IndexModel(IAuthenticationSchemeProvider schemes) : PageModel
{
    /// <summary>The OAuth start when it is configured, else the sign-in page with the API-key form.</summary>
    public string ConnectUrl { get; private set; } = "/signin";

    public async Task OnGetAsync() =>
        ConnectUrl = await schemes.GetSchemeAsync(WebSession.IntervalsScheme) is null ? "/signin" : "/signin/intervals";
}
