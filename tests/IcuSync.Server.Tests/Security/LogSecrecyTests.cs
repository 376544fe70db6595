using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Data;
using IcuSync.Server.Tests.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IcuSync.Server.Tests.Security;

/// <summary>
/// Every log line (message, structured values, scopes and exception, at Debug level with the shipped category filters)
/// and every trace span of a busy session holds no MCP token, API key, OAuth token, confirmation code or email.
/// </summary>
public sealed partial class LogSecrecyTests
{
    [Fact]
    public async Task A_whole_session_leaves_no_secret_in_the_logs_or_traces()
    {
        using var logs = new SecretLogCapture();
        using var traces = new SpanCapture();
        // Plain-text format keeps the JSON console logger out of the test output; the capture records the same scopes it would.
        await using var host = await IcuSyncTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Logging:Format"] = "text" }, configure: builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        });
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var demo in host.Server.DemoUrls)
        {
            secrets["MCP token of " + demo.Who] = Attack.TokenOf(demo.McpUrl);
        }

        foreach (var key in Attack.SandboxApiKeys)
        {
            secrets["sandbox API key " + key[..14]] = key;
        }

        secrets["OAuth client secret"] = SandboxPrincipals.OAuthClientSecret;

        // Claude's side: every principal calls tools, including a write, a refusal and a selection.
        foreach (var who in new[] { "cyclist", "runner", "direct coach", "invited coach" })
        {
            await using var client = await IcuSyncTestHost.ConnectAsync(host.DemoUrl(who));
            await client.ListToolsAsync();
            await client.CallToolAsync("list_athletes", new Dictionary<string, object?>());
            await client.CallToolAsync("get_fitness", new Dictionary<string, object?>());
            await client.CallToolAsync("get_wellness", new Dictionary<string, object?> { ["athlete"] = "Ben Runner" });
        }

        await using (var ada = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("cyclist")))
        {
            var store = host.Server.Sandbox!.Store;
            var args = new Dictionary<string, object?>
            {
                ["date"] = store.Today(SandboxPrincipals.CyclistId).AddDays(70).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["name"] = "Log check", ["sport"] = "Ride", ["description"] = "- 30m 60%",
            };
            var dryRun = await ada.CallToolAsync("push_workout", args);
            var code = dryRun.Structured().GetProperty("confirm").GetString()!;
            secrets["write confirm code"] = code;
            await ada.CallToolAsync("push_workout", new Dictionary<string, object?>(args) { ["confirm"] = code });
            await ada.CallToolAsync("push_workout", new Dictionary<string, object?>(args) { ["confirm"] = "forged-" + code });
        }

        await using (var coach = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("direct coach")))
        {
            await coach.CallToolAsync("select_athlete", new Dictionary<string, object?> { ["athlete"] = "Cleo" });
            await coach.CallToolAsync("get_events", new Dictionary<string, object?>());
        }

        // Bad and mistyped tokens: a real token with one character changed is as secret as the token.
        var ada0 = Attack.TokenOf(host.DemoUrl("cyclist"));
        var typo = ada0[..^1] + (ada0[^1] == 'A' ? 'B' : 'A');
        secrets["mistyped token"] = typo;
        var baseUrl = host.BaseAddress.ToString().TrimEnd('/');
        foreach (var url in new[] { $"{baseUrl}/mcp/{typo}", $"{baseUrl}/mcp/{typo}?profile=nope", $"{baseUrl}/mcp/{typo}/extra" })
        {
            using var response = await Attack.Http.SendAsync(Attack.JsonRpc(url, Attack.Ping));
        }

        // The browser's side: sign-ins, the dashboard revealing a URL, an invite, a token request and its link.
        using var visitor = new WebVisitor(host.BaseAddress);
        await visitor.SignInAsDemoAsync("cyclist");
        using (var reveal = await visitor.PostFormAsync("/dashboard", "/dashboard?handler=Reveal", []))
        {
            Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
        }

        var coachEmail = $"log-coach-{Guid.NewGuid():N}@example.com";
        using (var invite = await visitor.PostFormAsync("/dashboard", "/dashboard?handler=Invite", [new("coachEmail", coachEmail), new("tools", "get_fitness")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        }

        using (var apiKey = new WebVisitor(host.BaseAddress))
        using (var wrong = await apiKey.PostFormAsync("/signin", "/signin?handler=ApiKey", [new("apiKey", "wrong-key-" + SandboxPrincipals.RunnerApiKey)]))
        {
            secrets["mistyped API key"] = "wrong-key-" + SandboxPrincipals.RunnerApiKey;
        }

        using (var token = new WebVisitor(host.BaseAddress))
        using (var request = await token.PostFormAsync("/coach/token", "/coach/token?handler=Regenerate", [new("email", coachEmail)]))
        {
            Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        }

        var link = await WaitForLinkAsync(Path.Combine(host.DataDirectory, "mail"), coachEmail);
        var linkCode = McpUrls.CodeFromLink(link);
        secrets["confirmation code"] = linkCode;
        using (var confirm = new WebVisitor(host.BaseAddress))
        using (var done = await confirm.PostFormAsync(new Uri(link).PathAndQuery, new Uri(link).PathAndQuery, [new("code", linkCode)]))
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        // Sign in with Intervals.icu (OAuth): Cleo's account then holds a bearer token, used by her next tool call.
        secrets["OAuth token issued by the sandbox"] = await ConnectCleoWithOAuthAsync(host);
        using (var oauth = new WebVisitor(host.BaseAddress))
        {
            using var start = await oauth.GetAsync("/signin/intervals");
            var callback = await ApproveOnSandboxAsync(start.Headers.Location!, SandboxPrincipals.TriathleteId);
            using var back = await oauth.GetAsync(callback);
            using var complete = await oauth.GetAsync(back.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.Redirect, complete.StatusCode);
        }

        secrets["OAuth access token"] = await StoredSecretAsync(host, SandboxPrincipals.TriathleteId);
        await using (var cleo = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("Cleo")))
        {
            Assert.True((await cleo.CallToolAsync("get_fitness", new Dictionary<string, object?>())).IsError != true);
        }

        await using (var db = await host.Server.App.Services.GetRequiredService<IDbContextFactory<IcuSyncDbContext>>().CreateDbContextAsync())
        {
            foreach (var email in await db.AthleteAccounts.Select(a => a.Email).ToListAsync())
            {
                secrets["account email " + email[..3]] = email;
            }

            foreach (var email in await db.InvitedCoaches.Select(c => c.Email).ToListAsync())
            {
                secrets["coach email " + email[..3]] = email;
            }
        }

        Assert.True(logs.Lines.Count > 20, $"Only {logs.Lines.Count} log lines were captured: the check would prove nothing.");
        Assert.True(traces.Spans(host.BaseAddress).Count > 20, "Too few trace spans were captured: the check would prove nothing.");
        var leaks = new List<string>();
        foreach (var (what, secret) in secrets)
        {
            if (logs.Lines.FirstOrDefault(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase)) is { } line)
            {
                leaks.Add($"log: {what} in «{line.Replace(secret, "<SECRET>", StringComparison.OrdinalIgnoreCase)}»");
            }

            if (traces.Spans(host.BaseAddress).FirstOrDefault(s => s.Contains(secret, StringComparison.OrdinalIgnoreCase)) is { } span)
            {
                leaks.Add($"trace: {what} in «{span.Replace(secret, "<SECRET>", StringComparison.OrdinalIgnoreCase)}»");
            }
        }

        Assert.True(leaks.Count == 0, "Secrets reached the logs or traces:\n" + string.Join('\n', leaks.Take(12)));
    }

    private static async Task<string> ConnectCleoWithOAuthAsync(IcuSyncTestHost host)
    {
        // Cleo switches to OAuth: an OAuth sign-in replaces a stored credential only when it is not an API key.
        var services = host.Server.App.Services;
        var accounts = services.GetRequiredService<AthleteAccountService>();
        var cleo = await accounts.FindAsync(SandboxPrincipals.TriathleteId, CancellationToken.None) ?? throw new InvalidOperationException("No demo triathlete.");
        var bearer = host.Server.Sandbox!.Store.IssueBearerToken(SandboxPrincipals.TriathleteId, "ACTIVITY:READ,WELLNESS:READ,CALENDAR:WRITE,SETTINGS:WRITE");
        var connected = await accounts.ConnectOAuthAsync(cleo.Id, SandboxPrincipals.TriathleteId, bearer, ["ACTIVITY:READ", "WELLNESS:READ", "CALENDAR:WRITE", "SETTINGS:WRITE"], Actors.Athlete(cleo.Id), CancellationToken.None);
        Assert.True(connected.Succeeded, connected.ToString());
        return bearer;
    }

    /// <summary>The credential stored for an athlete (decrypted), to look for it in the logs.</summary>
    private static async Task<string> StoredSecretAsync(IcuSyncTestHost host, string athleteId)
    {
        var services = host.Server.App.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<IcuSyncDbContext>>().CreateDbContextAsync();
        var account = await db.AthleteAccounts.AsNoTracking().SingleAsync(a => a.IntervalsAthleteId == athleteId);
        Assert.Equal(CredentialKind.OAuth, account.CredentialKind);
        var credential = services.GetRequiredService<AccountSecrets>().UnprotectCredential(account.CredentialKind, account.ProtectedCredential, account.CredentialScopes)
            ?? throw new InvalidOperationException("The stored OAuth token cannot be read.");
        return credential.RevealSecret();
    }

    private static async Task<string> WaitForLinkAsync(string folder, string to)
    {
        var mail = await MailFolder.WaitForAsync(folder, to, m => ConfirmationLink().IsMatch(m.TextBody ?? ""), "with a confirmation link");
        return ConfirmationLink().Match(mail.TextBody ?? "").Value;
    }

    [GeneratedRegex(@"https?://\S+\?code=[A-Za-z0-9_\-%]+")]
    private static partial Regex ConfirmationLink();

    private static async Task<string> ApproveOnSandboxAsync(Uri authorize, string athleteId)
    {
        using var sandbox = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await sandbox.GetStringAsync(authorize);
        var fields = Regex.Matches(consent, "<input type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\">")
            .Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Append(new("athlete_id", athleteId))
            .Append(new("decision", "approve"));
        using var approved = await sandbox.PostAsync(new Uri(authorize, "/oauth/authorize"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        return approved.Headers.Location!.ToString();
    }

    /// <summary>Captures each log event as one line: level, category, event id, message, every structured value, the scopes and the exception.</summary>
    private sealed class SecretLogCapture : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private static string Values(object? state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}"))
            : state?.ToString() ?? "";

        private sealed class Logger(string category, SecretLogCapture owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = new StringBuilder()
                    .Append(logLevel).Append(' ').Append(category).Append('[').Append(eventId.Id).Append("] ")
                    .Append(formatter(state, exception)).Append(" | ").Append(Values(state));
                owner._scopes.ForEachScope((scope, builder) => builder.Append(" | scope: ").Append(Values(scope)).Append(' ').Append(scope), line);
                if (exception is not null)
                {
                    line.Append(" | ").Append(exception);
                }

                owner._lines.Enqueue(line.ToString());
            }
        }
    }

    /// <summary>Records every finished span of the process: name, tags, events and baggage.</summary>
    private sealed class SpanCapture : IDisposable
    {
        private readonly ConcurrentQueue<(ActivityKind Kind, string? Url, string Text)> _spans = new();
        private readonly ActivityListener _listener;

        public SpanCapture()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = _ => true,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    var text = new StringBuilder().Append(activity.Source.Name).Append(' ').Append(activity.DisplayName).Append(' ').Append(activity.OperationName);
                    foreach (var (key, value) in activity.TagObjects)
                    {
                        text.Append(' ').Append(key).Append('=').Append(value);
                    }

                    foreach (var e in activity.Events)
                    {
                        text.Append(" event ").Append(e.Name);
                        foreach (var (key, value) in e.Tags)
                        {
                            text.Append(' ').Append(key).Append('=').Append(value);
                        }
                    }

                    foreach (var (key, value) in activity.Baggage)
                    {
                        text.Append(" baggage ").Append(key).Append('=').Append(value);
                    }

                    _spans.Enqueue((activity.Kind, activity.GetTagItem("url.full") as string, text.ToString()));
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        /// <summary>
        /// The spans a server would export. The test's own HTTP clients run in this process too, and their client spans
        /// to the IcuSync host carry its URLs; IcuSync never calls its own endpoints, so those spans are left out.
        /// </summary>
        public IReadOnlyList<string> Spans(Uri server) =>
        [
            .. _spans
                .Where(s => !(s.Kind == ActivityKind.Client && s.Url is { } url && url.StartsWith(server.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)))
                .Select(s => s.Text),
        ];

        public void Dispose() => _listener.Dispose();
    }
}
