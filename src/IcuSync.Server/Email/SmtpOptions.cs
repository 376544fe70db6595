using Microsoft.Extensions.Options;
using MimeKit;

namespace IcuSync.Server.Email;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Use STARTTLS when the server offers it (MailKit's "auto" on port 587/25).</summary>
    Auto,

    /// <summary>Plain text; only for a relay on the same machine.</summary>
    None,

    /// <summary>Require STARTTLS.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    SslOnConnect,
}

/// <summary>Outgoing mail (configuration section <c>Smtp</c>). With no <see cref="Host"/>, mails go to <see cref="PickupDirectory"/>.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    /// <summary>SMTP server host name; empty (default) writes .eml files instead of sending.</summary>
    public string? Host { get; set; }

    /// <summary>SMTP port. Default 587.</summary>
    public int Port { get; set; } = 587;

    /// <summary>Transport security. Default <see cref="SmtpSecurity.Auto"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>User name for SMTP AUTH; empty for none.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for SMTP AUTH.</summary>
    public string? Password { get; set; }

    /// <summary>Sender mailbox. Default <c>IcuSync &lt;no-reply@icusync.local&gt;</c>.</summary>
    public string From { get; set; } = "IcuSync <no-reply@icusync.local>";

    /// <summary>Folder for .eml files when no host is set. Default <c>data/mail</c>.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    /// <summary>Timeout for one SMTP conversation. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    internal bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);
}

internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var problems = new List<string>();
        if (!MailboxAddress.TryParse(options.From, out _))
        {
            problems.Add($"Smtp:From '{options.From}' is not a mailbox. Use e.g. 'IcuSync <no-reply@example.com>'.");
        }

        if (options.UsesSmtp)
        {
            if (options.Port is < 1 or > 65535)
            {
                problems.Add($"Smtp:Port {options.Port} is out of range. Use 587 (STARTTLS), 465 (SslOnConnect) or 25.");
            }

            if (!string.IsNullOrEmpty(options.UserName) && string.IsNullOrEmpty(options.Password))
            {
                problems.Add("Smtp:UserName is set but Smtp:Password is empty. Set both, or neither for an unauthenticated relay.");
            }

            if (options.Timeout < TimeSpan.FromSeconds(1))
            {
                problems.Add("Smtp:Timeout must be at least 00:00:01 (default 00:00:30).");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            problems.Add("Smtp:PickupDirectory is empty while Smtp:Host is not set. Set a folder (default data/mail) or an SMTP host.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
