using Microsoft.Extensions.Options;

namespace IcuSync.Intervals;

/// <summary>
/// Where Intervals.icu lives and how politely the client talks to it. Bindable from configuration
/// (section <c>Intervals</c>); defaults suit the public service. Tests shrink the delays.
/// </summary>
public sealed class IntervalsClientOptions
{
    /// <summary>The service root; REST paths (<c>/api/v1/…</c>) are appended. Default <c>https://intervals.icu</c>; the sandbox serves the same paths under its own address.</summary>
    public Uri BaseAddress { get; set; } = new("https://intervals.icu");

    /// <summary>The OAuth consent page. Default: <see cref="BaseAddress"/> + <c>/oauth/authorize</c> (no <c>/api</c> prefix).</summary>
    public Uri? OAuthAuthorizeEndpoint { get; set; }

    /// <summary>The OAuth code-exchange endpoint. Default: <see cref="BaseAddress"/> + <c>/api/oauth/token</c>.</summary>
    public Uri? OAuthTokenEndpoint { get; set; }

    /// <summary>Client-side request budget per credential, in requests per second (Intervals.icu allows about 10/s). Default 10.</summary>
    public double RequestsPerSecond { get; set; } = 10;

    /// <summary>How many requests one credential may send back-to-back before the per-second pacing applies. Default 1 (evenly spaced).</summary>
    public int Burst { get; set; } = 1;

    /// <summary>How many requests of one credential may wait for the budget before new ones are refused as rate limited. Default 1000.</summary>
    public int MaxQueuedRequests { get; set; } = 1000;

    /// <summary>Retries after the first attempt for 429, 5xx, timeouts and dropped connections (idempotent calls only). 0 disables retries. Default 4.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay when the server gave no Retry-After; doubles per attempt with jitter. Default 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound for a computed backoff delay. Default 10 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest Retry-After the client will wait out; a longer one fails at once as <see cref="IntervalsErrorKind.RateLimited"/> carrying the wait. Default 30 s.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout for one HTTP attempt, including reading the body. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Overall budget for one call: waiting for the rate budget, every attempt and every backoff. Default 2 min.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The OAuth consent page actually used.</summary>
    public Uri EffectiveAuthorizeEndpoint => OAuthAuthorizeEndpoint ?? new Uri(Root, "oauth/authorize");

    /// <summary>The OAuth token endpoint actually used.</summary>
    public Uri EffectiveTokenEndpoint => OAuthTokenEndpoint ?? new Uri(Root, "api/oauth/token");

    /// <summary><see cref="BaseAddress"/> with a trailing slash, so relative paths append instead of replacing its last segment.</summary>
    internal Uri Root => BaseAddress.AbsoluteUri.EndsWith('/') ? BaseAddress : new Uri(BaseAddress.AbsoluteUri + "/");

    /// <summary>Returns the problems with these options, each naming the setting and the accepted range; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("Intervals:BaseAddress must be an absolute http(s) URL such as https://intervals.icu.");
        }

        foreach (var (name, uri) in new[] { ("OAuthAuthorizeEndpoint", OAuthAuthorizeEndpoint), ("OAuthTokenEndpoint", OAuthTokenEndpoint) })
        {
            if (uri is not null && !uri.IsAbsoluteUri)
            {
                problems.Add($"Intervals:{name} must be an absolute URL, or left empty to derive it from BaseAddress.");
            }
        }

        if (!(RequestsPerSecond is > 0 and <= 1000))
        {
            problems.Add("Intervals:RequestsPerSecond must be between 0 (exclusive) and 1000; Intervals.icu allows about 10.");
        }

        if (Burst is < 1 or > 1000)
        {
            problems.Add("Intervals:Burst must be between 1 and 1000.");
        }

        if (MaxQueuedRequests < 0)
        {
            problems.Add("Intervals:MaxQueuedRequests must be 0 or more.");
        }

        if (MaxRetries is < 0 or > 20)
        {
            problems.Add("Intervals:MaxRetries must be between 0 and 20.");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay || MaxRetryAfter < TimeSpan.Zero)
        {
            problems.Add("Intervals:RetryBaseDelay, RetryMaxDelay and MaxRetryAfter must be non-negative, with RetryMaxDelay ≥ RetryBaseDelay.");
        }

        if (RequestTimeout < TimeSpan.FromMilliseconds(10) || TotalTimeout < RequestTimeout)
        {
            problems.Add("Intervals:RequestTimeout must be at least 10 ms, and TotalTimeout at least RequestTimeout (e.g. 00:00:30 and 00:02:00).");
        }

        return problems;
    }
}

/// <summary>Validates <see cref="IntervalsClientOptions"/> at start-up with messages that name the setting.</summary>
internal sealed class IntervalsClientOptionsValidator : IValidateOptions<IntervalsClientOptions>
{
    public ValidateOptionsResult Validate(string? name, IntervalsClientOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
