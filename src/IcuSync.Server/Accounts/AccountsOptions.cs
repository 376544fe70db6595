using Microsoft.Extensions.Options;

namespace IcuSync.Server.Accounts;

/// <summary>Token, link, rate-limit and roster settings (configuration section <c>Accounts</c>). Defaults suit the demo.</summary>
public sealed class AccountsOptions
{
    public const string SectionName = "Accounts";

    /// <summary>Recognisable start of every MCP token (letters, digits, underscore; 1–16 characters). Default <c>icu_</c>.</summary>
    public string TokenPrefix { get; set; } = "icu_";

    /// <summary>How long a confirmation link stays valid. Default 30 minutes.</summary>
    public TimeSpan ConfirmationLinkLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The shortest interval between two Intervals.icu roster fetches for one direct coach. Default 10 minutes.</summary>
    public TimeSpan RosterRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A token's last-used time is written at most this often, to keep MCP calls read-only on the database. Default 1 minute.</summary>
    public TimeSpan LastUsedResolution { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the noted last-used times are written, in one batch (calls never write them themselves). Default
    /// 5 seconds; between 00:00:01 and 00:01:00.
    /// </summary>
    public TimeSpan LastUsedFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a resolved principal (and the credentials looked up for it) may be reused without querying its token,
    /// invites and grants again. Each call still checks the access stamp, so changes apply on the next call on every
    /// instance. Default 1 minute; 00:00:00 turns the cache off.
    /// </summary>
    public TimeSpan PrincipalCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Token-management requests (resend / regenerate) allowed per email address per window. Default 5.</summary>
    public int TokenRequestsPerEmail { get; set; } = 5;

    /// <summary>Token-management requests allowed per client IP address per window. Default 20.</summary>
    public int TokenRequestsPerIp { get; set; } = 20;

    /// <summary>The rate-limit window. Default 1 hour.</summary>
    public TimeSpan TokenRequestWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Path of the page that handles confirmation links (the link secret is added as <c>?code=</c>). Default <c>/coach/confirm</c>.</summary>
    public string ConfirmationPath { get; set; } = "/coach/confirm";
}

internal sealed class AccountsOptionsValidator : IValidateOptions<AccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountsOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(options.TokenPrefix) || options.TokenPrefix.Length > 16
            || !options.TokenPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            problems.Add($"Accounts:TokenPrefix '{options.TokenPrefix}' must be 1–16 letters, digits or underscores, e.g. 'icu_'.");
        }

        if (options.ConfirmationLinkLifetime < TimeSpan.FromMinutes(1) || options.ConfirmationLinkLifetime > TimeSpan.FromDays(1))
        {
            problems.Add("Accounts:ConfirmationLinkLifetime must be between 00:01:00 and 1.00:00:00 (default 00:30:00).");
        }

        if (options.RosterRefreshInterval < TimeSpan.Zero || options.RosterRefreshInterval > TimeSpan.FromDays(1))
        {
            problems.Add("Accounts:RosterRefreshInterval must be between 00:00:00 and 1.00:00:00 (default 00:10:00).");
        }

        if (options.LastUsedResolution < TimeSpan.Zero || options.LastUsedResolution > TimeSpan.FromDays(1))
        {
            problems.Add("Accounts:LastUsedResolution must be between 00:00:00 and 1.00:00:00 (default 00:01:00).");
        }

        if (options.LastUsedFlushInterval < TimeSpan.FromSeconds(1) || options.LastUsedFlushInterval > TimeSpan.FromMinutes(1))
        {
            problems.Add("Accounts:LastUsedFlushInterval must be between 00:00:01 and 00:01:00 (default 00:00:05).");
        }

        if (options.PrincipalCacheLifetime < TimeSpan.Zero || options.PrincipalCacheLifetime > TimeSpan.FromHours(1))
        {
            problems.Add("Accounts:PrincipalCacheLifetime must be between 00:00:00 (off) and 01:00:00 (default 00:01:00).");
        }

        if (options.TokenRequestsPerEmail < 1 || options.TokenRequestsPerIp < 1)
        {
            problems.Add("Accounts:TokenRequestsPerEmail and Accounts:TokenRequestsPerIp must be at least 1 (defaults 5 and 20).");
        }

        if (options.TokenRequestWindow < TimeSpan.FromSeconds(1) || options.TokenRequestWindow > TimeSpan.FromDays(7))
        {
            problems.Add("Accounts:TokenRequestWindow must be between 00:00:01 and 7.00:00:00 (default 01:00:00).");
        }

        if (string.IsNullOrWhiteSpace(options.ConfirmationPath) || !options.ConfirmationPath.StartsWith('/')
            || options.ConfirmationPath.Contains('?', StringComparison.Ordinal))
        {
            problems.Add($"Accounts:ConfirmationPath '{options.ConfirmationPath}' must be a path starting with '/' and without a query, e.g. '/coach/confirm'.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>The address users and Claude reach this server at (configuration key <c>PublicBaseUrl</c>).</summary>
public sealed class PublicUrlOptions
{
    public const string ConfigurationKey = "PublicBaseUrl";

    /// <summary>Absolute http(s) URL; MCP URLs and confirmation links start with it. Default <c>http://127.0.0.1:5080</c>.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:5080";
}

internal sealed class PublicUrlOptionsValidator : IValidateOptions<PublicUrlOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicUrlOptions options) =>
        Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"PublicBaseUrl '{options.BaseUrl}' must be an absolute http(s) URL without query, e.g. 'https://icusync.example.com' (default http://127.0.0.1:5080).");
}
