using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcuSync.Server.Web.Pages.Coach;

/// <summary>The coach access page: the two ways to connect, the steps, the tools and the way to manage a coach token.</summary>
public sealed class CoachAccessModel : PageModel
{
    public void OnGet()
    {
    }
}
