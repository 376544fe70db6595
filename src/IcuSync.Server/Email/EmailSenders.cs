using System.Globalization;
using IcuSync.Server.Accounts;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IcuSync.Server.Email;

/// <summary>A mail with a plain-text and an HTML body.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);

/// <summary>Delivers mail. Implementations log the redacted recipient and the subject, never the address or the body.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>Picks SMTP when <see cref="SmtpOptions.Host"/> is set, else the pickup folder.</summary>
internal sealed partial class ConfiguredEmailSender(IOptions<SmtpOptions> options, TimeProvider time, ILogger<ConfiguredEmailSender> logger) : IEmailSender
{
    private static long sequence;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var mime = Build(settings, message, time.GetUtcNow());
        if (settings.UsesSmtp)
        {
            await SendSmtpAsync(settings, mime, cancellationToken);
            LogSent(logger, InputRules.RedactEmail(message.To), message.Subject);
            return;
        }

        var folder = Path.GetFullPath(settings.PickupDirectory);
        Directory.CreateDirectory(folder);
        // Time, then a process-wide sequence, so files sort in sending order even when the clock stands still.
        var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture,
            $"{time.GetUtcNow():yyyyMMddTHHmmssfff}-{Interlocked.Increment(ref sequence):D8}-{Guid.NewGuid():N}.eml"));
        await using (var stream = File.Create(file))
        {
            await mime.WriteToAsync(stream, cancellationToken);
        }

        LogPickedUp(logger, InputRules.RedactEmail(message.To), message.Subject);
    }

    internal static MimeMessage Build(SmtpOptions settings, EmailMessage message, DateTimeOffset now)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(settings.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Date = now;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    private static async Task SendSmtpAsync(SmtpOptions settings, MimeMessage mime, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        var security = settings.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Mail sent via SMTP to {Recipient}: {Subject}")]
    private static partial void LogSent(ILogger logger, string recipient, string subject);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Mail written to the pickup folder for {Recipient}: {Subject}")]
    private static partial void LogPickedUp(ILogger logger, string recipient, string subject);
}
