using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcuSync.Server.Web.Pages.Demo;

/// <summary>The demo mail outbox: the .eml files in the pickup folder, newest first. Not found outside demo mode.</summary>
public sealed class MailModel(MailOutbox outbox, WebMode mode) : PageModel
{
    public IReadOnlyList<OutboxMail> Mails { get; private set; } = [];

    public bool UsesSmtp => outbox.UsesSmtp;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!mode.IsDemo)
        {
            return NotFound();
        }

        Mails = await outbox.ListAsync(HttpContext.RequestAborted);
        return Page();
    }
}
