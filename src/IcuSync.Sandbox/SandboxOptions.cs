namespace IcuSync.Sandbox;

/// <summary>How a <see cref="SandboxServer"/> starts.</summary>
public sealed class SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks an ephemeral port.</summary>
    public int Port { get; set; }

    /// <summary>Seed of the generated data; the same seed (and <see cref="Today"/>) gives byte-identical responses.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>A dataset folder of JSON files to serve instead of generated data (layout in docs/sandbox.md).</summary>
    public string? DatasetPath { get; set; }

    /// <summary>"Today" for generated history and for default date ranges; default: the clock's UTC date.</summary>
    public DateOnly? Today { get; set; }

    /// <summary>Enforce about 10 requests per second per credential (429 with Retry-After when exceeded).</summary>
    public bool RateLimit { get; set; } = true;

    /// <summary>Days of generated history before <see cref="Today"/>.</summary>
    public int HistoryDays { get; set; } = 365;

    /// <summary>Sustained requests per second allowed per credential.</summary>
    public int RateLimitPerSecond { get; set; } = 10;

    /// <summary>Requests a credential may send at once before the limiter applies (bucket size).</summary>
    public int RateLimitBurst { get; set; } = 10;

    /// <summary>Lets a coach's OAuth bearer token reach the coach's roster like the coach's API key does.
    /// Off by default: the reference treats OAuth tokens as scoped to their own athlete (intervals-api.md §3).</summary>
    public bool CoachBearerReachesRoster { get; set; }

    /// <summary>The clock for OAuth code expiry, rate limiting, "now" stamps and default dates.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Checks the values and returns a message naming the first bad one, or null.</summary>
    public string? Validate() =>
        Port is < 0 or > 65535 ? $"Port {Port} is out of range; use 0 (ephemeral) or 1-65535."
        : HistoryDays is < 0 or > 3660 ? $"HistoryDays {HistoryDays} is out of range; use 0-3660."
        : RateLimitPerSecond < 1 ? "RateLimitPerSecond must be at least 1."
        : RateLimitBurst < 1 ? "RateLimitBurst must be at least 1."
        : null;
}
