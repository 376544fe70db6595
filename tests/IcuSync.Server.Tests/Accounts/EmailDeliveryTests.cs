using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Data;
using Microsoft.Extensions.Logging;

namespace IcuSync.Server.Tests.Accounts;

/// <summary>Mail through a real SMTP server on loopback (aiosmtpd), and the pickup folder used when no SMTP is configured.</summary>
public sealed class EmailDeliveryTests
{
    private const string McpPrefix = "https://icusync.test/mcp/";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_invite_is_delivered_over_smtp_with_a_working_mcp_url(string provider)
    {
        var (port, maildir) = SmtpServer();
        await using var host = await AccountsTestHost.StartAsync(provider, UseSmtp(port));
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var coach = $"kim-{Guid.NewGuid():N}@example.com";

        var outcome = await host.Get<CoachInviteService>().InviteAsync(ada.Id, new CoachInviteRequest(coach, ["get_fitness", "push_workout"]), Actors.Athlete(ada.Id), host.Ct);

        Assert.True(outcome.Value?.EmailSent, outcome.ToString());
        var mail = Assert.Single(MailFolder.Read(maildir, coach));
        Assert.Equal(coach, mail.To.Mailboxes.Single().Address);
        Assert.Equal("no-reply@icusync.local", mail.From.Mailboxes.Single().Address);
        Assert.Equal("Ada Cyclist invited you to coach them on IcuSync", mail.Subject);
        var url = MailFolder.UrlIn(mail, McpPrefix);
        Assert.Contains(url, mail.HtmlBody, StringComparison.Ordinal);
        var principal = await host.ResolveAsync(AccountsTestHost.TokenFromUrl(url));
        Assert.Equal(["i1001"], principal!.Athletes.Select(a => a.AthleteId));
        Assert.Empty(host.Mails());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Confirmation_links_delivered_over_smtp_resend_and_regenerate_the_url(string provider)
    {
        var (port, maildir) = SmtpServer();
        await using var host = await AccountsTestHost.StartAsync(provider, UseSmtp(port));
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var coach = $"lee-{Guid.NewGuid():N}@example.com";
        await host.Get<CoachInviteService>().InviteAsync(ada.Id, new CoachInviteRequest(coach, ["read"]), Actors.Athlete(ada.Id), host.Ct);
        var originalUrl = MailFolder.UrlIn(MailFolder.Read(maildir, coach)[0], McpPrefix);
        var requests = host.Get<CoachTokenRequests>();

        await requests.RequestResendAsync(coach.ToUpperInvariant(), "127.0.0.1", host.Ct);
        await host.DrainMailQueueAsync();
        var resendMail = MailFolder.Read(maildir, coach)[1];
        Assert.Equal("Confirm: re-send your IcuSync MCP URL", resendMail.Subject);
        var resendLink = MailFolder.UrlIn(resendMail, "https://icusync.test/coach/confirm?code=");
        Assert.True((await requests.ConfirmAsync(resendLink, host.Ct)).Succeeded);
        var resent = MailFolder.Read(maildir, coach)[2];
        Assert.Equal("Your IcuSync MCP URL", resent.Subject);
        Assert.Equal(originalUrl, MailFolder.UrlIn(resent, McpPrefix));

        await requests.RequestRegenerateAsync(coach, "127.0.0.1", host.Ct);
        await host.DrainMailQueueAsync();
        var regenerateMail = MailFolder.Read(maildir, coach)[3];
        Assert.Equal("Confirm: regenerate your IcuSync MCP token", regenerateMail.Subject);
        Assert.True((await requests.ConfirmAsync(MailFolder.UrlIn(regenerateMail, "https://icusync.test/coach/confirm?code="), host.Ct)).Succeeded);
        var fresh = MailFolder.Read(maildir, coach)[4];
        Assert.Equal("Your new IcuSync MCP URL", fresh.Subject);
        var newUrl = MailFolder.UrlIn(fresh, McpPrefix);
        Assert.NotEqual(originalUrl, newUrl);
        Assert.NotNull(await host.ResolveAsync(AccountsTestHost.TokenFromUrl(newUrl)));
        Assert.Null(await host.ResolveAsync(AccountsTestHost.TokenFromUrl(originalUrl)));
    }

    [Fact]
    public async Task Without_smtp_each_mail_is_an_eml_file_and_one_log_line_without_the_address()
    {
        await using var host = await AccountsTestHost.StartAsync(TestDatabase.Sqlite);
        var ada = await host.CreateAthleteAsync("Ada <b>Cyclist</b>", "i1001");

        await host.Get<CoachInviteService>().InviteAsync(ada.Id, new CoachInviteRequest("dana.smith@sandbox.icusync.local", ["get_fitness"]), Actors.Athlete(ada.Id), host.Ct);

        var file = Assert.Single(Directory.GetFiles(host.MailDirectory, "*.eml"));
        var mail = Assert.Single(host.Mails());
        Assert.Equal("dana.smith@sandbox.icusync.local", mail.To.Mailboxes.Single().Address);
        Assert.Contains("Ada &lt;b&gt;Cyclist&lt;/b&gt;", mail.HtmlBody, StringComparison.Ordinal);
        var token = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn(mail, McpPrefix));
        var lines = host.Logs.Entries.Where(e => e.Category.EndsWith("ConfiguredEmailSender", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("d***@sandbox.icusync.local", line.Message, StringComparison.Ordinal);
        Assert.Contains(mail.Subject!, line.Message, StringComparison.Ordinal);
        Assert.All(host.Logs.Entries, e =>
        {
            Assert.DoesNotContain("dana.smith", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(token[4..], e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("key-i1001", e.Message, StringComparison.Ordinal);
        });
        Assert.True(new FileInfo(file).Length > 0);
    }

    [Fact]
    public async Task An_undeliverable_invite_is_saved_and_reported_as_not_emailed()
    {
        // Port 9 on loopback has no listener: the SMTP connection is refused.
        await using var host = await AccountsTestHost.StartAsync(TestDatabase.Sqlite, UseSmtp(9));
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");

        var outcome = await host.Get<CoachInviteService>().InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", ["read"]), Actors.Athlete(ada.Id), host.Ct);

        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.False(outcome.Value.EmailSent);
        Assert.Single(await host.Get<CoachInviteService>().ListAsync(ada.Id, host.Ct));
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Resend my MCP URL", StringComparison.Ordinal));
    }

    private static Action<Dictionary<string, string?>> UseSmtp(int port) => settings =>
    {
        settings["Smtp:Host"] = "127.0.0.1";
        settings["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Smtp:Security"] = "None";
        settings["Smtp:Timeout"] = "00:00:10";
    };

    private static (int Port, string Maildir) SmtpServer()
    {
        var port = Environment.GetEnvironmentVariable("ICUSYNC_TEST_SMTP_PORT");
        var maildir = Environment.GetEnvironmentVariable("ICUSYNC_TEST_MAILDIR");
        if (string.IsNullOrEmpty(port) || string.IsNullOrEmpty(maildir))
        {
            throw new InvalidOperationException(
                "ICUSYNC_TEST_SMTP_PORT / ICUSYNC_TEST_MAILDIR are not set, so the SMTP tests cannot run. Run scripts/test.sh, or `source scripts/services.sh && icusync_services_up` first.");
        }

        return (int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), maildir);
    }
}
