using IcuSync.Intervals;
using IcuSync.Server.Accounts;

namespace IcuSync.Server.Web;

/// <summary>An Intervals.icu athlete whose credential has been checked, not yet tied to an IcuSync account.</summary>
/// <param name="AthleteId">The athlete id Intervals.icu reported for the credential's owner.</param>
/// <param name="Name">The athlete's name.</param>
/// <param name="Email">The email Intervals.icu reported, when it did (proposed for a new account, never logged).</param>
/// <param name="Kind">API key or OAuth token.</param>
/// <param name="Secret">The API key or access token. Kept only in memory and in the encrypted pending cookie.</param>
/// <param name="Scopes">Granted OAuth scopes; empty for API keys.</param>
public sealed record PendingConnection(string AthleteId, string Name, string? Email, CredentialKind Kind, string Secret, IReadOnlyList<string> Scopes)
{
    /// <summary>Redacts the secret so the record can never print it.</summary>
    public override string ToString() => $"PendingConnection {{ AthleteId = {AthleteId}, Kind = {Kind} }}";
}

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInStatus
{
    /// <summary>The account was found or created and the credential stored: start a session.</summary>
    SignedIn,

    /// <summary>A new athlete: ask for an email (with <see cref="SignInResult.Error"/> when the one given was refused).</summary>
    NeedsEmail,

    /// <summary>The sign-in cannot go on (<see cref="SignInResult.Error"/> says why).</summary>
    Failed,
}

/// <summary>The outcome of <see cref="IntervalsSignIn.CompleteAsync"/>.</summary>
public sealed record SignInResult(SignInStatus Status, AccountSummary? Account, AccountError? Error);

/// <summary>Error codes the web layer adds to <see cref="AccountErrorCodes"/>.</summary>
public static class WebErrorCodes
{
    /// <summary>Intervals.icu could not be reached or answered with an outage; nothing was changed.</summary>
    public const string IntervalsUnavailable = "intervals_unavailable";
}

/// <summary>
/// Turns a confirmed Intervals.icu identity (OAuth grant or API key) into an IcuSync account: the athlete id finds the
/// account, or a new one is created, and the credential is stored through <see cref="AthleteAccountService"/>.
/// </summary>
public sealed partial class IntervalsSignIn(
    AthleteAccountService accounts,
    IIntervalsClient intervals,
    WebMode mode,
    ILogger<IntervalsSignIn> logger)
{
    /// <summary>
    /// Checks an API key by asking Intervals.icu who owns it (athlete <c>0</c> is the caller). The athlete id is never taken
    /// from the form, so a coach's key cannot sign in as one of the coach's athletes.
    /// </summary>
    public async Task<AccountResult<PendingConnection>> IdentifyApiKeyAsync(string? apiKey, CancellationToken cancellationToken)
    {
        IntervalsCredential credential;
        try
        {
            credential = IntervalsCredential.ApiKey(apiKey ?? "");
        }
        catch (ArgumentException)
        {
            return new AccountError(AccountErrorCodes.InvalidCredential, "api-key",
                "The API key is empty or contains spaces. Copy it from Intervals.icu → Settings → Developer Settings and paste it without spaces.");
        }

        try
        {
            var athlete = await intervals.GetAthleteAsync(credential, "0", cancellationToken);
            if (string.IsNullOrWhiteSpace(athlete.Id))
            {
                return Unavailable();
            }

            return new PendingConnection(athlete.Id.Trim(), DisplayName(athlete), athlete.Email, CredentialKind.ApiKey, (apiKey ?? "").Trim(), []);
        }
        catch (IntervalsException error) when (error.Kind is IntervalsErrorKind.Unauthorized or IntervalsErrorKind.Forbidden or IntervalsErrorKind.NotFound or IntervalsErrorKind.InvalidRequest)
        {
            LogApiKeyRefused(logger, error.Kind);
            return new AccountError(AccountErrorCodes.InvalidCredential, "api-key",
                "Intervals.icu did not accept this API key. Copy the key again from Intervals.icu → Settings → Developer Settings (not your athlete id or password).");
        }
        catch (IntervalsException error)
        {
            LogIntervalsUnavailable(logger, error.Kind);
            return Unavailable();
        }
    }

    /// <summary>Builds the pending connection of an OAuth grant, asking Intervals.icu for the athlete's email (best effort).</summary>
    public async Task<PendingConnection> IdentifyOAuthAsync(string athleteId, string? name, string accessToken, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        string? email = null;
        try
        {
            var athlete = await intervals.GetAthleteAsync(IntervalsCredential.Bearer(accessToken, scopes), "0", cancellationToken);
            email = athlete.Email;
            name ??= DisplayName(athlete);
        }
        catch (IntervalsException error)
        {
            // Without the email the visitor is simply asked for one.
            LogIntervalsUnavailable(logger, error.Kind);
        }

        return new PendingConnection(athleteId, string.IsNullOrWhiteSpace(name) ? athleteId : name.Trim(), email, CredentialKind.OAuth, accessToken, scopes);
    }

    /// <summary>The account already tied to the pending athlete, or null for a new athlete.</summary>
    public Task<AccountSummary?> FindAccountAsync(PendingConnection pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return accounts.FindAsync(pending.AthleteId, cancellationToken);
    }

    /// <summary>
    /// Finds the account of <paramref name="pending"/>'s athlete (or creates it with <paramref name="email"/>, else the
    /// email Intervals.icu reported) and stores the credential. An OAuth sign-in does not replace a stored API key:
    /// API keys can do more (a coach's roster), so signing in only proves who the visitor is.
    /// </summary>
    public async Task<SignInResult> CompleteAsync(PendingConnection pending, string? email, string? name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var account = await accounts.FindAsync(pending.AthleteId, cancellationToken);
        var created = false;
        if (account is null)
        {
            var address = string.IsNullOrWhiteSpace(email) ? pending.Email : email;
            if (string.IsNullOrWhiteSpace(address))
            {
                return new SignInResult(SignInStatus.NeedsEmail, null, null);
            }

            var plan = mode.IsDemo ? PlanStatus.Active : PlanStatus.Inactive;
            var made = await accounts.CreateAsync(
                new NewAthleteAccount(address, string.IsNullOrWhiteSpace(name) ? pending.Name : name, pending.AthleteId, Plan: plan),
                Actors.System,
                cancellationToken);
            if (!made.Succeeded)
            {
                return made.Error.Field is "email" or "name" || made.Error.Code == AccountErrorCodes.EmailTaken
                    ? new SignInResult(SignInStatus.NeedsEmail, null, made.Error)
                    : new SignInResult(SignInStatus.Failed, null, made.Error);
            }

            account = made.Value;
            created = true;
        }

        var actor = Actors.Athlete(account.Id);
        AccountResult<AccountSummary>? connected = pending.Kind switch
        {
            CredentialKind.ApiKey => await accounts.ConnectApiKeyAsync(account.Id, pending.AthleteId, pending.Secret, actor, cancellationToken),
            CredentialKind.OAuth when account.CredentialKind != CredentialKind.ApiKey =>
                await accounts.ConnectOAuthAsync(account.Id, pending.AthleteId, pending.Secret, pending.Scopes, actor, cancellationToken),
            _ => null,
        };
        if (connected is { Succeeded: false })
        {
            return new SignInResult(SignInStatus.Failed, null, connected.Error);
        }

        account = connected?.Value ?? account;
        LogSignedIn(logger, account.Id, pending.Kind, created);
        return new SignInResult(SignInStatus.SignedIn, account, null);
    }

    internal static AccountError Unavailable() => new(WebErrorCodes.IntervalsUnavailable, "intervals",
        "Intervals.icu is not answering right now, so we could not check your sign-in. Nothing was changed; try again in a few minutes.");

    private static string DisplayName(AthleteDto athlete) =>
        !string.IsNullOrWhiteSpace(athlete.Name) ? athlete.Name.Trim()
        : string.Join(' ', new[] { athlete.FirstName, athlete.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } full ? full
        : athlete.Id ?? "Athlete";

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Web sign-in of account {AccountId} with {CredentialKind} (new account: {Created})")]
    private static partial void LogSignedIn(ILogger logger, Guid accountId, CredentialKind credentialKind, bool created);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Web sign-in with an API key refused by Intervals.icu ({Kind})")]
    private static partial void LogApiKeyRefused(ILogger logger, IntervalsErrorKind kind);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Intervals.icu unavailable during web sign-in ({Kind})")]
    private static partial void LogIntervalsUnavailable(ILogger logger, IntervalsErrorKind kind);
}
