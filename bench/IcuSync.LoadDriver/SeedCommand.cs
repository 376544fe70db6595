using System.Globalization;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Data;
using IcuSync.Server.Email;
using IcuSync.Server.Hosting;

namespace IcuSync.LoadDriver;

/// <summary>
/// <c>seed</c>: through the server's own account services, the demo accounts plus N invited coaches, each invited by one
/// of the demo athletes (in turn) with <c>get_fitness</c> only; writes each coach's MCP URL, one per line.
/// </summary>
internal static class SeedCommand
{
    public const string CoachDomain = "bench.icusync.local";

    public static async Task<int> RunAsync(DriverOptions options, CancellationToken cancellationToken)
    {
        var database = options.Required("database", "/tmp/icusync-bench.db");
        var count = options.Int("tokens", 1000, 1, 100_000);
        var output = options.Required("out", "tokens.txt");
        var baseUrl = options.Text("base-url") ?? ServerApp.DefaultUrl;

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ApplicationName = "icusync" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.GetFullPath(database)}",
            ["PublicBaseUrl"] = baseUrl,
            // Seeding never calls Intervals.icu; the client only needs a valid address to be constructed.
            ["Intervals:BaseAddress"] = "http://127.0.0.1:9/",
        });
        // Invites mail the coach their URL; the benchmark coaches have no mailbox.
        builder.Services.AddSingleton<IEmailSender, DiscardingEmailSender>();
        builder.Services.AddIcuSyncServices(builder.Configuration);
        using var host = builder.Build();
        var services = host.Services;
        await services.MigrateIcuSyncDatabaseAsync(cancellationToken);

        await services.GetRequiredService<IDemoSeeder>().SeedAsync(cancellationToken);
        var accounts = services.GetRequiredService<AthleteAccountService>();
        var invites = services.GetRequiredService<CoachInviteService>();
        var tokens = services.GetRequiredService<McpTokenService>();
        var athletes = new List<Guid>();
        foreach (var email in new[] { "ada@sandbox.icusync.local", "ben@sandbox.icusync.local", "cleo@sandbox.icusync.local" })
        {
            var account = await accounts.FindAsync(email, cancellationToken)
                ?? throw new InvalidOperationException($"The demo seeder did not create {email}.");
            athletes.Add(account.Id);
        }

        var started = TimeProvider.System.GetTimestamp();
        var urls = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var coachEmail = string.Create(CultureInfo.InvariantCulture, $"coach{i:D5}@{CoachDomain}");
            var invite = await invites.InviteAsync(athletes[i % athletes.Count], new CoachInviteRequest(coachEmail, ["get_fitness"]), Actors.System, cancellationToken);
            if (!invite.Succeeded)
            {
                throw new InvalidOperationException($"Inviting {coachEmail} failed: {invite.Error.Message} ({invite.Error.Code})");
            }

            var token = await tokens.GetOrIssueAsync(TokenOwner.InvitedCoach(invite.Value.CoachId), Actors.System, cancellationToken);
            if (!token.Succeeded)
            {
                throw new InvalidOperationException($"Issuing the token of {coachEmail} failed: {token.Error.Message} ({token.Error.Code})");
            }

            urls.Add(token.Value.McpUrl);
        }

        await File.WriteAllLinesAsync(output, urls, cancellationToken);
        var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {count} invited coaches (get_fitness on {SandboxPrincipals.CyclistId}, {SandboxPrincipals.RunnerId}, {SandboxPrincipals.TriathleteId} in turn) in {seconds:0.0} s; their MCP URLs are in {output} (secrets: keep the file private)."));
        return 0;
    }

    /// <summary>Drops invite mails.</summary>
    private sealed class DiscardingEmailSender : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
