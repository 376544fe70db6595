using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace IcuSync.Server.Hosting;

/// <summary>Limits on requests into IcuSync (bound from the <c>RateLimits</c> section). Intervals.icu's own budget is separate.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sustained MCP requests per second for one token.</summary>
    public int McpPerTokenPerSecond { get; set; } = 20;

    /// <summary>Burst of MCP requests one token may make at once.</summary>
    public int McpPerTokenBurst { get; set; } = 60;

    /// <summary>Sustained MCP requests per second from one client address, over all tokens (slows token guessing).</summary>
    public int McpPerIpPerSecond { get; set; } = 200;

    /// <summary>Burst of MCP requests from one client address.</summary>
    public int McpPerIpBurst { get; set; } = 400;

    /// <summary>Web form submissions (POST) per minute from one client address.</summary>
    public int FormsPerIpPerMinute { get; set; } = 120;

    /// <summary>Burst of web form submissions from one client address.</summary>
    public int FormsPerIpBurst { get; set; } = 60;

    internal IEnumerable<string> Validate()
    {
        if (McpPerTokenPerSecond < 1 || McpPerTokenBurst < 1 || McpPerIpPerSecond < 1 || McpPerIpBurst < 1 || FormsPerIpPerMinute < 1 || FormsPerIpBurst < 1)
        {
            yield return "RateLimits: every limit must be a positive whole number (requests per second or minute, and bursts).";
        }
    }
}

/// <summary>
/// Per-token and per-address rate limits on <c>/mcp</c>, and per-address limits on web form posts. Refusals are 429
/// with a Retry-After header and a JSON body saying when to try again. Partition keys hash the token, so it is never
/// held in clear outside the request.
/// </summary>
public static class RateLimitSetup
{
    public const string McpTokenPolicy = "mcp-token";
    public const string McpAddressPolicy = "mcp-address";
    public const string FormsPolicy = "forms";

    public static IServiceCollection AddIcuSyncRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new RateLimitOptions();
        configuration.GetSection("RateLimits").Bind(options);
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => ByToken(context, options)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => ByAddress(context, options)));
            limiter.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> ByToken(HttpContext context, RateLimitOptions options)
    {
        if (!context.Request.Path.StartsWithSegments("/mcp", out var rest) || !rest.HasValue)
        {
            return RateLimitPartition.GetNoLimiter("none");
        }

        var token = rest.Value!.TrimStart('/');
        var slash = token.IndexOf('/', StringComparison.Ordinal);
        token = slash >= 0 ? token[..slash] : token;
        if (token.Length is 0 or > 200)
        {
            return RateLimitPartition.GetNoLimiter("none");
        }

        var key = McpTokenPolicy + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)), 0, 12);
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(options.McpPerTokenBurst, options.McpPerTokenPerSecond, TimeSpan.FromSeconds(1)));
    }

    private static RateLimitPartition<string> ByAddress(HttpContext context, RateLimitOptions options)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (context.Request.Path.StartsWithSegments("/mcp"))
        {
            return RateLimitPartition.GetTokenBucketLimiter(McpAddressPolicy + ":" + address,
                _ => Bucket(options.McpPerIpBurst, options.McpPerIpPerSecond, TimeSpan.FromSeconds(1)));
        }

        if (HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetTokenBucketLimiter(FormsPolicy + ":" + address,
                _ => Bucket(options.FormsPerIpBurst, options.FormsPerIpPerMinute, TimeSpan.FromMinutes(1)));
        }

        return RateLimitPartition.GetNoLimiter("none");
    }

    private static TokenBucketRateLimiterOptions Bucket(int burst, int perPeriod, TimeSpan period) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perPeriod,
        ReplenishmentPeriod = period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var policy = context.Request.Path.StartsWithSegments("/mcp") ? "mcp" : FormsPolicy;
        IcuSyncTelemetry.RecordRateLimitRejection(policy);
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(new
        {
            status = 429,
            error = $"Too many requests. Wait {seconds} second{(seconds == 1 ? "" : "s")} and try again.",
            retry_after_s = seconds,
        }, cancellationToken);
    }
}
