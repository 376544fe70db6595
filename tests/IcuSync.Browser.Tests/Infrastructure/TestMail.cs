using System.Diagnostics;
using System.Text.RegularExpressions;
using IcuSync.Server.Tests.Infrastructure;
using MimeKit;

namespace IcuSync.Browser.Tests.Infrastructure;

/// <summary>Reads the mails the test SMTP server (or a pickup folder) stored as .eml files.</summary>
public static partial class TestMail
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>A unique recipient, so tests sharing the SMTP folder never read each other's mail.</summary>
    public static string NewAddress(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    /// <summary>Waits for the first mail to <paramref name="to"/> whose subject contains <paramref name="subject"/> in the test SMTP folder.</summary>
    public static Task<MimeMessage> WaitForSmtpAsync(string to, string subject) => WaitAsync(TestServices.MailDirectory, to, subject);

    /// <summary>Waits for a matching mail in <paramref name="folder"/>; fails after 15 s naming what was expected.</summary>
    public static async Task<MimeMessage> WaitAsync(string folder, string to, string subject)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal))
                {
                    var message = await TryLoadAsync(file);
                    if (message is not null
                        && message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase))
                        && (message.Subject ?? "").Contains(subject, StringComparison.OrdinalIgnoreCase))
                    {
                        return message;
                    }
                }
            }

            if (watch.Elapsed > Timeout)
            {
                throw new TimeoutException($"No mail to {to} with a subject containing '{subject}' arrived in {folder} within {Timeout.TotalSeconds:0} s.");
            }

            // Polls for a file written by another process (the SMTP server); there is no event to wait on.
            await Task.Delay(100);
        }
    }

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

    private static async Task<MimeMessage?> TryLoadAsync(string path)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await MimeMessage.LoadAsync(stream);
        }
        catch (Exception error) when (error is IOException or FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"https?://[^\s<>""]+/mcp/[A-Za-z0-9_\-]+")]
    private static partial Regex McpUrlPattern();

    [GeneratedRegex(@"https?://[^\s<>""]+\?code=[A-Za-z0-9_\-%]+")]
    private static partial Regex ConfirmationPattern();
}
