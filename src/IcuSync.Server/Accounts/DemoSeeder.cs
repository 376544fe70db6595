using IcuSync.Sandbox;

namespace IcuSync.Server.Accounts;

/// <summary>One demo principal and its MCP URL, for <c>icusync serve</c> to print as <c>MCP URL (&lt;Who&gt;): &lt;McpUrl&gt;</c>.</summary>
public sealed record DemoPrincipalUrl(string Who, PrincipalKind Kind, string McpUrl);

/// <summary>The demo principals, athletes first.</summary>
public sealed record DemoSeedResult(IReadOnlyList<DemoPrincipalUrl> Principals);

/// <summary>Creates the demo accounts for the sandbox athletes and coach.</summary>
public interface IDemoSeeder
{
    /// <summary>
    /// Ensures active accounts for the sandbox athletes, a direct coach for the sandbox coach, and an invited coach
    /// (<c>coach@demo.icusync.local</c>, invited by the cyclist with some tools). Idempotent: a restart re-uses the same tokens.
    /// </summary>
    Task<DemoSeedResult> SeedAsync(CancellationToken cancellationToken);
}

internal sealed class DemoSeeder(
    AthleteAccountService accounts,
    McpTokenService tokens,
    CoachInviteService invites) : IDemoSeeder
{
    public const string InvitedCoachEmail = "coach@demo.icusync.local";

    /// <summary>The sandbox's fixed demo athletes (see the sandbox contract).</summary>
    internal static readonly DemoAccount[] Athletes =
    [
        new("ada@sandbox.icusync.local", "Ada Cyclist", SandboxPrincipals.CyclistId, SandboxPrincipals.CyclistApiKey, SandboxDemo.CyclistTimezone),
        new("ben@sandbox.icusync.local", "Ben Runner", SandboxPrincipals.RunnerId, SandboxPrincipals.RunnerApiKey, SandboxDemo.RunnerTimezone),
        new("cleo@sandbox.icusync.local", "Cleo Triathlete", SandboxPrincipals.TriathleteId, SandboxPrincipals.TriathleteApiKey, SandboxDemo.TriathleteTimezone),
    ];

    internal static readonly DemoAccount Coach =
        new("dana@sandbox.icusync.local", "Dana Coach", SandboxPrincipals.CoachId, SandboxPrincipals.CoachApiKey, SandboxDemo.CoachTimezone);

    /// <summary>What the cyclist grants the invited demo coach: most reads and pushing workouts, not editing or deleting.</summary>
    internal static readonly string[] InvitedCoachTools =
    [
        "get_training_history", "get_activity_detail", "get_training_summary", "get_fitness",
        "get_wellness", "get_events", "get_power_curves", "push_workout",
    ];

    public async Task<DemoSeedResult> SeedAsync(CancellationToken cancellationToken)
    {
        var result = new List<DemoPrincipalUrl>();
        Guid? cyclist = null;
        foreach (var athlete in Athletes)
        {
            var account = await EnsureAccountAsync(athlete, cancellationToken);
            cyclist ??= account.Id;
            var token = Expect(await tokens.GetOrIssueAsync(TokenOwner.Athlete(account.Id), Actors.System, cancellationToken));
            result.Add(new DemoPrincipalUrl($"{account.Name}, athlete", PrincipalKind.Athlete, token.McpUrl));
        }

        var coach = await EnsureAccountAsync(Coach, cancellationToken);
        if (!coach.DirectCoach)
        {
            Expect(await accounts.SetDirectCoachAsync(coach.Id, true, Actors.System, cancellationToken));
        }

        var coachToken = Expect(await tokens.GetOrIssueAsync(TokenOwner.DirectCoach(coach.Id), Actors.System, cancellationToken));
        result.Add(new DemoPrincipalUrl($"{coach.Name}, direct coach via Intervals.icu", PrincipalKind.DirectCoach, coachToken.McpUrl));

        var existing = (await invites.ListAsync(cyclist!.Value, cancellationToken))
            .FirstOrDefault(i => i.CoachEmail == InvitedCoachEmail);
        var coachId = existing?.CoachId
            ?? Expect(await invites.InviteCoreAsync(cyclist.Value, new CoachInviteRequest(InvitedCoachEmail, InvitedCoachTools), Actors.System, sendEmail: false, cancellationToken)).CoachId;
        var invitedToken = Expect(await tokens.GetOrIssueAsync(TokenOwner.InvitedCoach(coachId), Actors.System, cancellationToken));
        result.Add(new DemoPrincipalUrl($"invited coach of {Athletes[0].Name}", PrincipalKind.InvitedCoach, invitedToken.McpUrl));
        return new DemoSeedResult(result);
    }

    private async Task<AccountSummary> EnsureAccountAsync(DemoAccount demo, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(demo.Email, cancellationToken)
            ?? Expect(await accounts.CreateAsync(new NewAthleteAccount(demo.Email, demo.Name, demo.AthleteId, demo.TimeZone, PlanStatus.Active), Actors.System, cancellationToken));
        if (account.Plan != PlanStatus.Active)
        {
            account = Expect(await accounts.SetPlanAsync(account.Id, PlanStatus.Active, Actors.System, cancellationToken));
        }

        if (account.CredentialKind == CredentialKind.None)
        {
            account = Expect(await accounts.ConnectApiKeyAsync(account.Id, demo.AthleteId, demo.ApiKey, Actors.System, cancellationToken));
        }

        return account;
    }

    // The demo data is fixed, so a failure here is a bug (for example a sandbox athlete id already used by a real account).
    private static T Expect<T>(AccountResult<T> result) => result.Succeeded
        ? result.Value
        : throw new InvalidOperationException($"Demo seeding failed: {result.Error.Message} ({result.Error.Code})");
}

/// <summary>One fixed sandbox principal (public demo values, not secrets).</summary>
internal sealed record DemoAccount(string Email, string Name, string AthleteId, string ApiKey, string TimeZone);
