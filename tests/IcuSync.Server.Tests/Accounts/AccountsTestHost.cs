using System.Collections.Concurrent;
using IcuSync.Server.Accounts;
using IcuSync.Server.Data;
using IcuSync.Server.Tests.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace IcuSync.Server.Tests.Accounts;

/// <summary>
/// The account services wired exactly as the server wires them (<see cref="AccountsSetup.AddIcuSyncAccounts"/>), on a
/// fresh database, with a <see cref="FakeTimeProvider"/>, mail in a private pickup folder and captured logs.
/// </summary>
public sealed class AccountsTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource timeout = new(TimeSpan.FromMinutes(2));
    private readonly bool ownsDatabase;

    private AccountsTestHost(ServiceProvider services, TestDatabase database, FakeTimeProvider time, string mailDirectory, CapturedLogs logs, bool ownsDatabase)
    {
        Services = services;
        Database = database;
        Time = time;
        MailDirectory = mailDirectory;
        Logs = logs;
        this.ownsDatabase = ownsDatabase;
    }

    public ServiceProvider Services { get; }

    public TestDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public string MailDirectory { get; }

    public CapturedLogs Logs { get; }

    public CancellationToken Ct => timeout.Token;

    public static async Task<AccountsTestHost> StartAsync(
        string provider,
        Action<Dictionary<string, string?>>? configure = null,
        Action<IServiceCollection>? services = null,
        TestDatabase? shared = null,
        FakeTimeProvider? time = null)
    {
        var database = shared ?? await TestDatabase.CreateAsync(provider);
        ServiceProvider? built = null;
        try
        {
            var mail = Path.Combine(Path.GetTempPath(), "icusync-tests", "mail-" + Guid.NewGuid().ToString("N"));
            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider,
                ["Database:ConnectionString"] = database.ConnectionString,
                ["Smtp:PickupDirectory"] = mail,
                ["PublicBaseUrl"] = "https://icusync.test",
            };
            configure?.Invoke(settings);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var clock = time ?? new FakeTimeProvider(Start);
            var logs = new CapturedLogs();
            var collection = new ServiceCollection();
            collection.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
            collection.AddSingleton<TimeProvider>(clock);
            services?.Invoke(collection);

            // Tests that exercise direct-coach rosters register the sandbox-backed source first; the rest never fetch one.
            collection.TryAddSingleton<ICoachRosterSource>(new RecordingRosterSource());
            collection.AddIcuSyncAccounts(configuration);
            built = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            built.GetRequiredService<IStartupValidator>().Validate();
            await built.MigrateIcuSyncDatabaseAsync();

            // Hosted services run as in the server (the mail queue sends token-request mails after the reply).
            foreach (var hosted in built.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }

            return new AccountsTestHost(built, database, clock, mail, logs, ownsDatabase: shared is null);
        }
        catch
        {
            if (built is not null)
            {
                await built.DisposeAsync();
            }

            if (shared is null)
            {
                await database.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>A second server instance on the same database (a restart, or another node behind the load balancer).</summary>
    public Task<AccountsTestHost> StartAnotherInstanceAsync(Action<IServiceCollection>? services = null) =>
        StartAsync(Database.Provider, services: services, shared: Database, time: Time);

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<AccountSummary> CreateAthleteAsync(
        string name,
        string athleteId,
        PlanStatus plan = PlanStatus.Active,
        string? apiKey = null,
        string? email = null)
    {
        var accounts = Get<AthleteAccountService>();
        var created = await accounts.CreateAsync(
            new NewAthleteAccount(email ?? $"{name.Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid():N}@athletes.test", name, athleteId, Plan: plan),
            Actors.Admin,
            Ct);
        Assert.True(created.Succeeded, created.ToString());
        var connected = await accounts.ConnectApiKeyAsync(created.Value.Id, athleteId, apiKey ?? $"key-{athleteId}", Actors.Admin, Ct);
        Assert.True(connected.Succeeded, connected.ToString());
        return connected.Value;
    }

    public async Task<string> AthleteTokenAsync(Guid accountId)
    {
        var issued = await Get<McpTokenService>().GetOrIssueAsync(TokenOwner.Athlete(accountId), Actors.Admin, Ct);
        Assert.True(issued.Succeeded, issued.ToString());
        return TokenFromUrl(issued.Value.McpUrl);
    }

    public Task<ResolvedPrincipal?> ResolveAsync(string token) => Get<IPrincipalResolver>().ResolveAsync(token, Ct);

    public static string TokenFromUrl(string url)
    {
        const string marker = "/mcp/";
        var at = url.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{url}' is not an MCP URL");
        return url[(at + marker.Length)..];
    }

    /// <summary>Mails written to this host's pickup folder, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Mails() => MailFolder.Read(MailDirectory, envelopeTo: null);

    /// <summary>Mails written to the pickup folder once every queued mail is out (see <see cref="DrainMailQueueAsync"/>).</summary>
    public async Task<IReadOnlyList<MimeMessage>> MailsAsync()
    {
        await DrainMailQueueAsync();
        return Mails();
    }

    /// <summary>Waits until the mail queue has done all queued work: stops it (which drains it) and starts it again.</summary>
    public async Task DrainMailQueueAsync()
    {
        var queue = Get<IcuSync.Server.Email.MailQueue>();
        await queue.StopAsync(Ct);
        await queue.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in Services.GetServices<IHostedService>().Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await Services.DisposeAsync();
        if (ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        timeout.Dispose();
        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
    }
}

/// <summary>Reads .eml files: the pickup folder, or the folder the test SMTP server stores mail in.</summary>
public static class MailFolder
{
    private static readonly TimeSpan MailWait = TimeSpan.FromMinutes(1);

    public static IReadOnlyList<MimeMessage> Read(string folder, string? envelopeTo)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal))
        {
            var message = MimeMessage.Load(file);
            var recipients = message.Headers["X-Envelope-To"] ?? string.Join(',', message.To.Mailboxes.Select(m => m.Address));
            if (envelopeTo is null || recipients.Split(',').Any(r => string.Equals(r.Trim(), envelopeTo, StringComparison.OrdinalIgnoreCase)))
            {
                messages.Add(message);
            }
        }

        return messages;
    }

    /// <summary>
    /// Waits for the first mail in <paramref name="folder"/> to <paramref name="to"/> that <paramref name="matches"/>.
    /// Generous (a minute): mail goes through the server's background queue and, with SMTP, a separate process, and the
    /// test projects share two cores; under that load one confirmation mail took more than 15 s. A lost mail still fails,
    /// naming <paramref name="what"/>.
    /// </summary>
    public static async Task<MimeMessage> WaitForAsync(string folder, string to, Func<MimeMessage, bool> matches, string what)
    {
        var deadline = DateTime.UtcNow + MailWait;
        while (true)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal))
                {
                    var message = await TryLoadAsync(file);
                    if (message is not null
                        && message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase))
                        && matches(message))
                    {
                        return message;
                    }
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No mail to {to} {what} arrived in {folder} within {MailWait.TotalSeconds:0} s.");
            }

            // The file is written by another component (the mail sender or the SMTP server); there is no event to wait on.
            await Task.Delay(50);
        }
    }

    /// <summary>The first http(s) URL in the plain-text body that starts with <paramref name="prefix"/>.</summary>
    public static string UrlIn(MimeMessage message, string prefix)
    {
        var text = message.TextBody ?? "";
        var at = text.IndexOf(prefix, StringComparison.Ordinal);
        Assert.True(at >= 0, $"No URL starting with '{prefix}' in mail '{message.Subject}':\n{text}");
        var end = text.IndexOfAny([' ', '\r', '\n'], at);
        return end < 0 ? text[at..] : text[at..end];
    }

    /// <summary>The mail in <paramref name="path"/>, or null while its writer has not finished it.</summary>
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
}

/// <summary>Keeps every log line so tests can assert what is (and is not) logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, EventId Id, string Message)> entries = new();

    public IReadOnlyList<(string Category, LogLevel Level, EventId Id, string Message)> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, EventId, string)> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue((category, logLevel, eventId, formatter(state, exception)));
    }
}

/// <summary>A roster source with a fixed roster that counts its calls; stands in where the upstream is not the subject.</summary>
public sealed class RecordingRosterSource(params CoachRosterAthlete[] roster) : ICoachRosterSource
{
    private int calls;

    public int Calls => calls;

    public IReadOnlyList<CoachRosterAthlete> Roster { get; set; } = roster;

    public Task<IReadOnlyList<CoachRosterAthlete>> GetRosterAsync(IcuSync.Intervals.IntervalsCredential credential, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        return Task.FromResult(Roster);
    }
}
