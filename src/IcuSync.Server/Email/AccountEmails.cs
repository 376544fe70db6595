using System.Globalization;
using System.Net;
using System.Text;
using IcuSync.Server.Accounts;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Email;

/// <summary>The mails of the account flows. Each has a plain-text and an HTML body built from the same blocks.</summary>
public sealed class AccountEmails(IOptions<AccountsOptions> accounts, IOptions<PublicUrlOptions> publicUrl)
{
    private static readonly string[] ConnectSteps =
    [
        "Open Claude on the web (claude.ai) or the desktop app and go to Customize. A connector added there also appears in the Claude mobile app.",
        "Click the + button next to Connectors to add a custom connector.",
        "Paste your MCP URL and save. Claude may briefly say it couldn't reach IcuSync; that is expected and clears on its own.",
        "Start a new chat and ask Claude to list your athletes.",
        "Tell Claude which athlete to work with (select_athlete), or name the athlete in your request.",
    ];

    private string Minutes => accounts.Value.ConfirmationLinkLifetime.TotalMinutes.ToString("0", CultureInfo.InvariantCulture);

    private string CoachPage => publicUrl.Value.BaseUrl.TrimEnd('/') + "/coach";

    /// <summary>Sent when an athlete invites a coach email (flow 1).</summary>
    public EmailMessage Invite(string to, string athleteName, string mcpUrl, IReadOnlyCollection<string> tools, bool ownCoachEmail)
    {
        var body = new MailBody();
        string subject;
        if (ownCoachEmail)
        {
            subject = "Your IcuSync coach URL";
            body.Paragraph($"{athleteName}, this is your coach MCP URL. It covers your own training data and every athlete who invites this email address.");
        }
        else
        {
            subject = $"{athleteName} invited you to coach them on IcuSync";
            body.Paragraph($"{athleteName} invited you to work with their Intervals.icu training data through Claude, using IcuSync. You don't need an IcuSync account.");
        }

        body.Paragraph("Your MCP URL (keep it private: anyone with it can use the access below):")
            .Link(mcpUrl)
            .Paragraph(ownCoachEmail ? "Tools on your own data: all of them." : $"Tools {athleteName} granted you:")
            .List(ownCoachEmail ? [] : tools)
            .Paragraph("How to connect it to Claude:")
            .Steps(ConnectSteps)
            .Paragraph("One URL covers every athlete who invites this email address; new invites add athletes to it. " +
                $"Lost the URL, or want a fresh one? Use \"Resend my MCP URL\" or \"Regenerate my token\" at {CoachPage}.");
        return body.ToMessage(to, subject);
    }

    /// <summary>The confirmation step before re-sending the current URL (flow 3).</summary>
    public EmailMessage ResendConfirmation(string to, string link) => new MailBody()
        .Paragraph("Someone (hopefully you) asked IcuSync to re-send the MCP URL for this email address. Follow this link to receive it:")
        .Link(link)
        .Paragraph($"The link works once and expires in {Minutes} minutes. Your token does not change.")
        .Paragraph("If you did not ask for this, ignore this email; nothing happens.")
        .ToMessage(to, "Confirm: re-send your IcuSync MCP URL");

    /// <summary>The confirmation step before regenerating the token (flow 4).</summary>
    public EmailMessage RegenerateConfirmation(string to, string link) => new MailBody()
        .Paragraph("Someone (hopefully you) asked IcuSync to regenerate the MCP token for this email address. Follow this link to do it:")
        .Link(link)
        .Paragraph($"The link works once and expires in {Minutes} minutes. After you follow it, your old MCP URL stops working at once and the new one is emailed to you.")
        .Paragraph("If you did not ask for this, ignore this email; your current URL keeps working.")
        .ToMessage(to, "Confirm: regenerate your IcuSync MCP token");

    /// <summary>The existing URL, after a confirmed resend (flow 3).</summary>
    public EmailMessage CurrentUrl(string to, string mcpUrl) => new MailBody()
        .Paragraph("Here is your IcuSync MCP URL, unchanged:")
        .Link(mcpUrl)
        .Paragraph("If Claude no longer has it, add it again:")
        .Steps(ConnectSteps)
        .ToMessage(to, "Your IcuSync MCP URL");

    /// <summary>The new URL, after a confirmed regeneration (flow 4).</summary>
    public EmailMessage NewUrl(string to, string mcpUrl) => new MailBody()
        .Paragraph("Your IcuSync token was regenerated. The old MCP URL no longer works. Your new MCP URL:")
        .Link(mcpUrl)
        .Paragraph("Replace the URL in Claude: go to Customize → Connectors, remove the old IcuSync connector, then add the new URL:")
        .Steps(ConnectSteps)
        .ToMessage(to, "Your new IcuSync MCP URL");

    /// <summary>Accumulates paragraphs, links and lists, and renders them as plain text and as HTML.</summary>
    private sealed class MailBody
    {
        private readonly StringBuilder text = new();
        private readonly StringBuilder html = new("<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\">");

        public MailBody Paragraph(string value)
        {
            text.Append(value).Append("\n\n");
            html.Append("<p>").Append(WebUtility.HtmlEncode(value)).Append("</p>");
            return this;
        }

        public MailBody Link(string url)
        {
            text.Append(url).Append("\n\n");
            var encoded = WebUtility.HtmlEncode(url);
            html.Append("<p><a href=\"").Append(encoded).Append("\">").Append(encoded).Append("</a></p>");
            return this;
        }

        public MailBody List(IEnumerable<string> items) => Items(items, ordered: false);

        public MailBody Steps(IEnumerable<string> items) => Items(items, ordered: true);

        public EmailMessage ToMessage(string to, string subject) =>
            new(to, subject, text.ToString().TrimEnd() + "\n\n-- \nIcuSync\n", html + "<p style=\"color:#666\">IcuSync</p></body></html>");

        private MailBody Items(IEnumerable<string> items, bool ordered)
        {
            var list = items.ToList();
            if (list.Count == 0)
            {
                return this;
            }

            html.Append(ordered ? "<ol>" : "<ul>");
            for (var i = 0; i < list.Count; i++)
            {
                text.Append(ordered ? (i + 1).ToString(CultureInfo.InvariantCulture) + ". " : "- ").Append(list[i]).Append('\n');
                html.Append("<li>").Append(WebUtility.HtmlEncode(list[i])).Append("</li>");
            }

            text.Append('\n');
            html.Append(ordered ? "</ol>" : "</ul>");
            return this;
        }
    }
}
