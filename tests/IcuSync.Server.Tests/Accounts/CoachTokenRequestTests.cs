using IcuSync.Server.Accounts;
using IcuSync.Server.Email;
using IcuSync.Server.Tests.Data;
using Microsoft.Extensions.DependencyInjection;

namespace IcuSync.Server.Tests.Accounts;

/// <summary>Flow 3 (resend my MCP URL) and flow 4 (regenerate my token), with their confirmation links and rate limits.</summary>
public sealed class CoachTokenRequestTests
{
    private const string Coach = "kim@example.com";
    private const string LinkPrefix = "https://icusync.test/coach/confirm?code=";
    private const string McpPrefix = "https://icusync.test/mcp/";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_reply_is_the_same_whether_or_not_the_email_is_known(string provider)
    {
        await using var host = await InvitedCoachHostAsync(provider);
        var requests = host.Get<CoachTokenRequests>();

        var known = await requests.RequestResendAsync(Coach, "203.0.113.5", host.Ct);
        var unknown = await requests.RequestResendAsync("nobody@example.com", "203.0.113.5", host.Ct);
        var knownRegenerate = await requests.RequestRegenerateAsync(Coach, "203.0.113.5", host.Ct);
        var unknownRegenerate = await requests.RequestRegenerateAsync("nobody@example.com", "203.0.113.5", host.Ct);

        Assert.True(known.Succeeded && unknown.Succeeded && knownRegenerate.Succeeded && unknownRegenerate.Succeeded);
        Assert.Equal(known.Value, unknown.Value);
        Assert.Equal(knownRegenerate.Value, unknownRegenerate.Value);
        var mails = (await host.MailsAsync()).Skip(1).ToList();
        Assert.Equal(["Confirm: re-send your IcuSync MCP URL", "Confirm: regenerate your IcuSync MCP token"], mails.Select(m => m.Subject));
        Assert.All(mails, m => Assert.Equal(Coach, m.To.Mailboxes.Single().Address));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Following_a_resend_link_emails_the_same_url_and_keeps_the_token(string provider)
    {
        await using var host = await InvitedCoachHostAsync(provider);
        var originalUrl = MailFolder.UrlIn((await host.MailsAsync())[0], McpPrefix);
        var requests = host.Get<CoachTokenRequests>();
        await requests.RequestResendAsync(Coach, null, host.Ct);
        var link = MailFolder.UrlIn((await host.MailsAsync())[1], LinkPrefix);

        var confirmed = await requests.ConfirmAsync(link, host.Ct);

        Assert.True(confirmed.Succeeded, confirmed.ToString());
        Assert.Equal(ConfirmationPurpose.ResendUrl, confirmed.Value.Purpose);
        var mail = (await host.MailsAsync())[2];
        Assert.Equal("Your IcuSync MCP URL", mail.Subject);
        Assert.Equal(originalUrl, MailFolder.UrlIn(mail, McpPrefix));
        Assert.NotNull(await host.ResolveAsync(AccountsTestHost.TokenFromUrl(originalUrl)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Regenerate_invalidates_the_old_token_immediately(string provider)
    {
        await using var host = await InvitedCoachHostAsync(provider);
        var oldToken = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn((await host.MailsAsync())[0], McpPrefix));
        var old = await host.ResolveAsync(oldToken);
        await host.Get<IAthleteSelection>().SelectAsync(old!.TokenId, "i1001", host.Ct);
        var requests = host.Get<CoachTokenRequests>();
        await requests.RequestRegenerateAsync(Coach, null, host.Ct);

        var confirmed = await requests.ConfirmAsync(MailFolder.UrlIn((await host.MailsAsync())[1], LinkPrefix), host.Ct);

        Assert.True(confirmed.Succeeded, confirmed.ToString());
        Assert.Equal(ConfirmationPurpose.RegenerateToken, confirmed.Value.Purpose);
        Assert.Null(await host.ResolveAsync(oldToken));
        Assert.Null(await host.Get<IAthleteCredentials>().GetForAsync(old, "i1001", host.Ct));
        var mail = (await host.MailsAsync())[2];
        Assert.Equal("Your new IcuSync MCP URL", mail.Subject);
        Assert.Contains("old MCP URL no longer works", mail.TextBody, StringComparison.Ordinal);
        var newToken = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn(mail, McpPrefix));
        Assert.NotEqual(oldToken, newToken);
        var fresh = await host.ResolveAsync(newToken);
        Assert.NotNull(fresh);
        Assert.Equal(confirmed.Value.TokenId, fresh.TokenId);
        Assert.Equal(["i1001"], fresh.Athletes.Select(a => a.AthleteId));
        Assert.Equal("i1001", fresh.SelectedAthleteId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reused_confirmation_link_is_refused(string provider)
    {
        await using var host = await InvitedCoachHostAsync(provider);
        var requests = host.Get<CoachTokenRequests>();
        await requests.RequestRegenerateAsync(Coach, null, host.Ct);
        var link = MailFolder.UrlIn((await host.MailsAsync())[1], LinkPrefix);
        Assert.True((await requests.ConfirmAsync(link, host.Ct)).Succeeded);
        var tokenAfterFirstUse = MailFolder.UrlIn((await host.MailsAsync())[2], McpPrefix);

        var again = await requests.ConfirmAsync(link, host.Ct);

        Assert.False(again.Succeeded);
        Assert.Equal(AccountErrorCodes.LinkUsed, again.Error.Code);
        Assert.Contains("works once", again.Error.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await host.MailsAsync()).Count);
        Assert.NotNull(await host.ResolveAsync(AccountsTestHost.TokenFromUrl(tokenAfterFirstUse)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_uses_of_one_link_succeed_exactly_once(string provider)
    {
        await using var host = await InvitedCoachHostAsync(provider);
        var requests = host.Get<CoachTokenRequests>();
        await requests.RequestRegenerateAsync(Coach, null, host.Ct);
        var link = MailFolder.UrlIn((await host.MailsAsync())[1], LinkPrefix);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => requests.ConfirmAsync(link, host.Ct))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(AccountErrorCodes.LinkUsed, r.Error!.Code));
        var live = (await host.Get<McpTokenService>().ListAsync(null, null, host.Ct)).Where(t => t.RevokedAt is null && t.Kind == McpTokenKind.InvitedCoach);
        Assert.Single(live);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_link_works_until_thirty_minutes_have_passed_and_not_after(string provider)
    {
        await using var host = await InvitedCoachHostAsync(provider);
        var requests = host.Get<CoachTokenRequests>();
        await requests.RequestResendAsync(Coach, null, host.Ct);
        await requests.RequestResendAsync(Coach, null, host.Ct);
        var early = MailFolder.UrlIn((await host.MailsAsync())[1], LinkPrefix);
        var late = MailFolder.UrlIn((await host.MailsAsync())[2], LinkPrefix);

        host.Time.Advance(TimeSpan.FromMinutes(29) + TimeSpan.FromSeconds(59));
        var inTime = await requests.ConfirmAsync(early, host.Ct);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var expired = await requests.ConfirmAsync(late, host.Ct);

        Assert.True(inTime.Succeeded, inTime.ToString());
        Assert.False(expired.Succeeded);
        Assert.Equal(AccountErrorCodes.LinkExpired, expired.Error.Code);
        Assert.Contains("30 minutes", expired.Error.Message, StringComparison.Ordinal);
        Assert.Equal(4, (await host.MailsAsync()).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://icusync.test/coach/confirm?code=short")]
    [InlineData("https://icusync.test/coach/confirm?code=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("'; DROP TABLE McpTokens; --")]
    public async Task An_unknown_or_malformed_link_is_refused(string link)
    {
        await using var host = await InvitedCoachHostAsync(TestDatabase.Sqlite);

        var result = await host.Get<CoachTokenRequests>().ConfirmAsync(link, host.Ct);

        Assert.Equal(AccountErrorCodes.LinkInvalid, result.Error?.Code);
        Assert.Single(await host.MailsAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Token_requests_are_limited_per_email_including_unknown_ones(string provider)
    {
        await using var host = await InvitedCoachHostAsync(provider, limits: ("2", "100"));
        var requests = host.Get<CoachTokenRequests>();

        var first = await requests.RequestResendAsync(Coach, "203.0.113.1", host.Ct);
        var second = await requests.RequestRegenerateAsync(Coach, "203.0.113.2", host.Ct);
        var third = await requests.RequestResendAsync(Coach, "203.0.113.3", host.Ct);
        var unknown = new List<AccountResult<TokenRequestAccepted>>();
        for (var i = 0; i < 3; i++)
        {
            unknown.Add(await requests.RequestResendAsync("nobody@example.com", "203.0.113.4", host.Ct));
        }

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal(AccountErrorCodes.RateLimited, third.Error?.Code);
        Assert.Contains("minute", third.Error!.Message, StringComparison.Ordinal);
        Assert.Equal([true, true, false], unknown.Select(r => r.Succeeded));
        Assert.Equal(3, (await host.MailsAsync()).Count);

        host.Time.Advance(TimeSpan.FromHours(1));
        Assert.True((await requests.RequestResendAsync(Coach, "203.0.113.1", host.Ct)).Succeeded);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Token_requests_are_limited_per_ip_address(string provider)
    {
        await using var host = await InvitedCoachHostAsync(provider, limits: ("100", "3"));
        var requests = host.Get<CoachTokenRequests>();

        var results = new List<bool>();
        foreach (var email in new[] { "a@example.com", "b@example.com", Coach, "c@example.com" })
        {
            results.Add((await requests.RequestResendAsync(email, "198.51.100.7", host.Ct)).Succeeded);
        }

        var otherIp = await requests.RequestResendAsync("d@example.com", "198.51.100.8", host.Ct);

        Assert.Equal([true, true, true, false], results);
        Assert.True(otherIp.Succeeded);
    }

    [Fact]
    public async Task An_invalid_email_in_a_token_request_is_refused_before_anything_is_counted()
    {
        await using var host = await InvitedCoachHostAsync(TestDatabase.Sqlite, limits: ("1", "1"));
        var requests = host.Get<CoachTokenRequests>();

        var invalid = await requests.RequestResendAsync("kim at example", "192.0.2.1", host.Ct);
        var valid = await requests.RequestResendAsync(Coach, "192.0.2.1", host.Ct);

        Assert.Equal(AccountErrorCodes.InvalidEmail, invalid.Error?.Code);
        Assert.Equal("email", invalid.Error?.Field);
        Assert.True(valid.Succeeded);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_token_request_is_answered_before_its_mail_is_sent_for_known_and_unknown_emails_alike(string provider)
    {
        var gate = new MailGate();
        await using var host = await InvitedCoachHostAsync(provider, services: gate.Install);
        var requests = host.Get<CoachTokenRequests>();
        gate.Close();

        // While sending hangs (a slow SMTP server), both replies still come at once: the reply cannot tell them apart.
        var known = await requests.RequestResendAsync(Coach, "203.0.113.5", host.Ct).WaitAsync(TimeSpan.FromSeconds(10), host.Ct);
        var unknown = await requests.RequestResendAsync("nobody@example.com", "203.0.113.5", host.Ct).WaitAsync(TimeSpan.FromSeconds(10), host.Ct);

        Assert.Equal(known.Value, unknown.Value);
        Assert.Single(host.Mails());
        gate.Open();
        var mails = await host.MailsAsync();
        Assert.Equal(2, mails.Count);
        Assert.Equal("Confirm: re-send your IcuSync MCP URL", mails[1].Subject);
        Assert.Equal(Coach, mails[1].To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Stopping_sends_every_queued_confirmation_mail_before_it_returns()
    {
        var gate = new MailGate();
        await using var host = await InvitedCoachHostAsync(TestDatabase.Sqlite, services: gate.Install);
        var requests = host.Get<CoachTokenRequests>();
        gate.Close();
        await requests.RequestResendAsync(Coach, null, host.Ct).WaitAsync(TimeSpan.FromSeconds(10), host.Ct);
        await requests.RequestRegenerateAsync(Coach, null, host.Ct).WaitAsync(TimeSpan.FromSeconds(10), host.Ct);
        await requests.RequestResendAsync(Coach, null, host.Ct).WaitAsync(TimeSpan.FromSeconds(10), host.Ct);

        var stopping = host.Get<MailQueue>().StopAsync(host.Ct);
        Assert.False(stopping.IsCompleted, "The queue stopped while mails were still waiting to be sent.");
        gate.Open();
        await stopping;

        var mails = host.Mails();
        Assert.Equal(4, mails.Count);
        Assert.Equal(2, mails.Count(m => m.Subject == "Confirm: re-send your IcuSync MCP URL"));
        Assert.Single(mails, m => m.Subject == "Confirm: regenerate your IcuSync MCP token");
    }

    /// <summary>The real sender (pickup folder) behind a gate the test opens and closes, standing in for a slow SMTP server.</summary>
    private sealed class MailGate
    {
        private volatile TaskCompletionSource open = Opened();

        public void Install(IServiceCollection services) =>
            services.AddSingleton<IEmailSender>(sp => new GatedSender(this, ActivatorUtilities.CreateInstance<ConfiguredEmailSender>(sp)));

        public void Close() => open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => open.TrySetResult();

        private static TaskCompletionSource Opened()
        {
            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            source.SetResult();
            return source;
        }

        private sealed class GatedSender(MailGate gate, IEmailSender inner) : IEmailSender
        {
            public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
            {
                await gate.open.Task.WaitAsync(cancellationToken);
                await inner.SendAsync(message, cancellationToken);
            }
        }
    }

    private static async Task<AccountsTestHost> InvitedCoachHostAsync(
        string provider, (string PerEmail, string PerIp)? limits = null, Action<IServiceCollection>? services = null)
    {
        var host = await AccountsTestHost.StartAsync(provider, settings =>
        {
            if (limits is { } l)
            {
                settings["Accounts:TokenRequestsPerEmail"] = l.PerEmail;
                settings["Accounts:TokenRequestsPerIp"] = l.PerIp;
            }
        }, services);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var invite = await host.Get<CoachInviteService>().InviteAsync(ada.Id, new CoachInviteRequest(Coach, ["read"]), Actors.Athlete(ada.Id), host.Ct);
        Assert.True(invite.Succeeded, invite.ToString());
        return host;
    }
}
