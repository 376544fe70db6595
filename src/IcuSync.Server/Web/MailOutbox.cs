using IcuSync.Server.Email;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IcuSync.Server.Web;

/// <summary>One mail in the demo outbox.</summary>
/// <param name="Id">The file name without <c>.eml</c>; safe to put in a URL.</param>
/// <param name="To">The recipients.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Date">When the mail was written.</param>
public sealed record OutboxMail(string Id, string To, string Subject, DateTimeOffset Date);

/// <summary>A mail with its plain-text body.</summary>
public sealed record OutboxMessage(OutboxMail Mail, string TextBody);

/// <summary>
/// Reads the .eml files the server writes to the pickup folder (<see cref="SmtpOptions.PickupDirectory"/>) when no SMTP
/// server is configured, so a demo user can follow an invite end to end. Only ever shown in demo mode.
/// </summary>
public sealed class MailOutbox(IOptions<SmtpOptions> smtp, IOptions<WebOptions> web)
{
    /// <summary>True when mail goes to a real SMTP server, so the outbox stays empty.</summary>
    public bool UsesSmtp => !string.IsNullOrWhiteSpace(smtp.Value.Host);

    public async Task<IReadOnlyList<OutboxMail>> ListAsync(CancellationToken cancellationToken)
    {
        var folder = Folder();
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var files = new DirectoryInfo(folder).GetFiles("*.eml")
            .OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .Take(web.Value.OutboxSize);
        var mails = new List<OutboxMail>();
        foreach (var file in files)
        {
            if (await LoadAsync(file.FullName, cancellationToken) is { } message)
            {
                mails.Add(Describe(Path.GetFileNameWithoutExtension(file.Name), message));
            }
        }

        return mails;
    }

    /// <summary>One mail by id, or null when the id is not a mail of the outbox.</summary>
    public async Task<OutboxMessage?> GetAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 100 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        var path = Path.Combine(Folder(), id + ".eml");
        if (!File.Exists(path) || await LoadAsync(path, cancellationToken) is not { } message)
        {
            return null;
        }

        return new OutboxMessage(Describe(id, message), message.TextBody ?? "");
    }

    private string Folder() => Path.GetFullPath(smtp.Value.PickupDirectory);

    private static OutboxMail Describe(string id, MimeMessage message) =>
        new(id, string.Join(", ", message.To.Mailboxes.Select(m => m.Address)), message.Subject ?? "(no subject)", message.Date);

    private static async Task<MimeMessage?> LoadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await MimeMessage.LoadAsync(stream, cancellationToken);
        }
        catch (Exception error) when (error is IOException or FormatException or UnauthorizedAccessException)
        {
            // A mail still being written, or not a mail: leave it out.
            return null;
        }
    }
}
