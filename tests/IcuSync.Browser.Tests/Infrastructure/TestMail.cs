using System.Text.RegularExpressions;
using IcuSync.Server.Tests.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using MimeKit;

namespace IcuSync.Browser.Tests.Infrastructure;

/// <summary>Reads the mails the test SMTP server (or a pickup folder) stored as .eml files.</summary>
public static partial class TestMail
{
    /// <summary>A unique recipient, so tests sharing the SMTP folder never read each other's mail.</summary>
    public static string NewAddress(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    /// <summary>Waits for the first mail to <paramref name="to"/> whose subject contains <paramref name="subject"/> in the test SMTP folder.</summary>
    public static Task<MimeMessage> WaitForSmtpAsync(string to, string subject) => WaitAsync(TestServices.MailDirectory, to, subject);

    /// <summary>Waits (up to a minute) for a matching mail in <paramref name="folder"/>; fails naming what was expected.</summary>
    public static Task<MimeMessage> WaitAsync(string folder, string to, string subject) =>
        MailFolder.WaitForAsync(folder, to, m => (m.Subject ?? "").Contains(subject, StringComparison.OrdinalIgnoreCase), $"with a subject containing '{subject}'");

    /// <summary>The MCP URL in a mail's plain-text body.</summary>
    public static string McpUrl(MimeMessage message) =>
        McpUrlPattern().Match(message.TextBody ?? "") is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"The mail '{message.Subject}' holds no MCP URL.");

    /// <summary>The confirmation link in a mail's plain-text body.</summary>
    public static string ConfirmationLink(MimeMessage message) =>
        ConfirmationPattern().Match(message.TextBody ?? "") is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"The mail '{message.Subject}' holds no confirmation link.");

    /// <summary>The token part of an MCP URL.</summary>
    public static string TokenOf(string mcpUrl) => mcpUrl[(mcpUrl.LastIndexOf('/') + 1)..];

    [GeneratedRegex(@"https?://[^\s<>""]+/mcp/[A-Za-z0-9_\-]+")]
    private static partial Regex McpUrlPattern();

    [GeneratedRegex(@"https?://[^\s<>""]+\?code=[A-Za-z0-9_\-%]+")]
    private static partial Regex ConfirmationPattern();
}
