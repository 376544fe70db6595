using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcuSync.Server.Web.Pages.Demo;

/// <summary>One mail of the demo outbox, its plain-text body with the links made clickable.</summary>
public sealed partial class MessageModel(MailOutbox outbox, WebMode mode) : PageModel
{
    public OutboxMessage Message { get; private set; } = null!;

    public IReadOnlyList<TextPart> Parts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? id)
    {
        if (!mode.IsDemo || await outbox.GetAsync(id, HttpContext.RequestAborted) is not { } message)
        {
            return NotFound();
        }

        Message = message;
        Parts = Split(message.TextBody);
        return Page();
    }

    /// <summary>A run of text, or a link.</summary>
    public sealed record TextPart(string Text, bool IsLink);

    private static List<TextPart> Split(string text)
    {
        var parts = new List<TextPart>();
        var at = 0;
        foreach (Match match in LinkPattern().Matches(text))
        {
            if (match.Index > at)
            {
                parts.Add(new TextPart(text[at..match.Index], false));
            }

            // Confirmation links are clickable; an MCP URL is for Claude, not for the browser.
            parts.Add(new TextPart(match.Value, !match.Value.Contains("/mcp/", StringComparison.Ordinal)));
            at = match.Index + match.Length;
        }

        if (at < text.Length)
        {
            parts.Add(new TextPart(text[at..], false));
        }

        return parts;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
