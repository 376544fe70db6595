using IcuSync.Intervals;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Web;

/// <summary>Dashboard settings (configuration section <c>Web</c>). Defaults suit the demo.</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>How long a browser session lasts without activity (sliding). Default 8 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a half-finished sign-in (after Intervals.icu, before the account exists) is kept. Default 15 minutes.</summary>
    public TimeSpan PendingSignInLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many entries the dashboard's activity log shows. Default 12.</summary>
    public int ActivityLogSize { get; set; } = 12;

    /// <summary>How many mails the demo outbox page lists, newest first. Default 50.</summary>
    public int OutboxSize { get; set; } = 50;
}

internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var problems = new List<string>();
        if (options.SessionLifetime < TimeSpan.FromMinutes(5) || options.SessionLifetime > TimeSpan.FromDays(30))
        {
            problems.Add("Web:SessionLifetime must be between 00:05:00 and 30.00:00:00 (default 08:00:00).");
        }

        if (options.PendingSignInLifetime < TimeSpan.FromMinutes(1) || options.PendingSignInLifetime > TimeSpan.FromHours(1))
        {
            problems.Add("Web:PendingSignInLifetime must be between 00:01:00 and 01:00:00 (default 00:15:00).");
        }

        if (options.ActivityLogSize is < 1 or > 100)
        {
            problems.Add("Web:ActivityLogSize must be between 1 and 100 (default 12).");
        }

        if (options.OutboxSize is < 1 or > 1000)
        {
            problems.Add("Web:OutboxSize must be between 1 and 1000 (default 50).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>
/// The Intervals.icu OAuth application IcuSync signs in with (configuration section <c>IntervalsOAuth</c>).
/// Without a client id and secret, "Connect with Intervals.icu" is hidden and only the API-key form is offered;
/// on the sandbox the demo application's credentials are used.
/// </summary>
public sealed class IntervalsOAuthOptions
{
    public const string SectionName = "IntervalsOAuth";

    /// <summary>The application's client id (Intervals.icu → Settings → Manage App).</summary>
    public string? ClientId { get; set; }

    /// <summary>The application's client secret. Stays on the server.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Scopes to ask for, one level per area. Default: read activities and wellness, write the calendar (push, edit and
    /// delete workouts) and settings (thresholds and gear).
    /// </summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The scopes actually requested: <see cref="Scopes"/>, or the default set when none are configured.</summary>
    public IReadOnlyList<string> EffectiveScopes => Scopes.Count > 0
        ? IntervalsScopes.Normalize(Scopes)
        : [IntervalsScopes.ActivityRead, IntervalsScopes.WellnessRead, IntervalsScopes.CalendarWrite, IntervalsScopes.SettingsWrite];

    /// <summary>True when both the client id and the secret are set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}

internal sealed class IntervalsOAuthOptionsValidator : IValidateOptions<IntervalsOAuthOptions>
{
    private static readonly string[] Areas = ["ACTIVITY", "WELLNESS", "CALENDAR", "SETTINGS"];

    public ValidateOptionsResult Validate(string? name, IntervalsOAuthOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId) != string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            problems.Add("IntervalsOAuth:ClientId and IntervalsOAuth:ClientSecret must be set together (from Intervals.icu → Settings → Manage App), or both left empty to offer API-key sign-in only.");
        }

        var scopes = options.EffectiveScopes;
        foreach (var scope in scopes)
        {
            var parts = scope.Split(':');
            if (parts.Length != 2 || !Areas.Contains(parts[0], StringComparer.Ordinal) || parts[1] is not ("READ" or "WRITE"))
            {
                problems.Add($"IntervalsOAuth:Scopes entry '{scope}' is not a known scope. Use AREA:LEVEL with AREA one of {string.Join(", ", Areas)} and LEVEL READ or WRITE.");
            }
        }

        var duplicated = scopes.GroupBy(s => s.Split(':')[0], StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicated.Count > 0)
        {
            problems.Add($"IntervalsOAuth:Scopes asks for more than one level of {string.Join(", ", duplicated)}; Intervals.icu refuses duplicates. Keep one level per area (WRITE includes READ).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>Whether this server runs on the built-in sandbox (demo mode), decided once at start-up.</summary>
/// <param name="IsDemo">True when configuration <c>Intervals:Sandbox</c> is <c>true</c>.</param>
public sealed record WebMode(bool IsDemo);
