namespace IcuSync.Intervals;

/// <summary>
/// A failed Intervals.icu call. <see cref="Exception.Message"/> is safe to show: it names the operation, the HTTP
/// status and the server's short error text, and never contains a key, a token or a request URL with secrets.
/// </summary>
public sealed class IntervalsException : Exception
{
    /// <summary>Creates an error of <paramref name="kind"/> with a caller-safe message.</summary>
    public IntervalsException(IntervalsErrorKind kind, string message)
        : this(kind, message, statusCode: null, retryAfter: null, operation: null, serverMessage: null, innerException: null)
    {
    }

    /// <summary>Creates a fully described error.</summary>
    /// <param name="kind">The failure category.</param>
    /// <param name="message">A caller-safe message.</param>
    /// <param name="statusCode">The HTTP status, when a response arrived.</param>
    /// <param name="retryAfter">How long the server asked to wait (from <c>Retry-After</c>), when known.</param>
    /// <param name="operation">The client operation, e.g. <c>listActivities</c>.</param>
    /// <param name="serverMessage">The short <c>error</c> text from the response body, redacted.</param>
    /// <param name="innerException">The transport exception, if any (kept for debug logs only).</param>
    public IntervalsException(
        IntervalsErrorKind kind,
        string message,
        int? statusCode,
        TimeSpan? retryAfter,
        string? operation,
        string? serverMessage,
        Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        Operation = operation;
        ServerMessage = serverMessage;
    }

    /// <summary>Creates an error with no particular category (reported as <see cref="IntervalsErrorKind.UpstreamDown"/>).</summary>
    public IntervalsException()
        : this(IntervalsErrorKind.UpstreamDown, "Intervals.icu call failed.")
    {
    }

    /// <summary>Creates an error with no particular category (reported as <see cref="IntervalsErrorKind.UpstreamDown"/>).</summary>
    public IntervalsException(string message)
        : this(IntervalsErrorKind.UpstreamDown, message)
    {
    }

    /// <summary>Creates an error with no particular category (reported as <see cref="IntervalsErrorKind.UpstreamDown"/>).</summary>
    public IntervalsException(string message, Exception innerException)
        : this(IntervalsErrorKind.UpstreamDown, message, null, null, null, null, innerException)
    {
    }

    /// <summary>The failure category.</summary>
    public IntervalsErrorKind Kind { get; }

    /// <summary>The HTTP status code, or null when no response arrived (timeout, dropped connection, client-side check).</summary>
    public int? StatusCode { get; }

    /// <summary>How long Intervals.icu asked the client to wait before trying again, when it said so.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The client operation that failed (an OpenAPI operation id such as <c>listActivities</c>), when known.</summary>
    public string? Operation { get; }

    /// <summary>The server's short error text (e.g. <c>Access denied</c>), with any credential redacted; null when none.</summary>
    public string? ServerMessage { get; }

    /// <summary>True when the same call may succeed later unchanged (rate limits, outages, timeouts).</summary>
    public bool IsTransient => Kind is IntervalsErrorKind.RateLimited or IntervalsErrorKind.UpstreamDown or IntervalsErrorKind.Timeout;

    /// <summary>A one-sentence suggestion of what the user can do about this kind of failure.</summary>
    public string Advice => Kind switch
    {
        IntervalsErrorKind.Unauthorized => "Check the Intervals.icu API key or reconnect the Intervals.icu account; the current credential was rejected.",
        IntervalsErrorKind.Forbidden => "This credential has no access to that athlete or operation; the athlete must grant coach access or approve the needed OAuth scope.",
        IntervalsErrorKind.NotFound => "Check the id or date; list the items first to get valid ids.",
        IntervalsErrorKind.RateLimited => RetryAfter is { } wait
            ? $"Wait about {Math.Ceiling(wait.TotalSeconds):0} seconds and try again, or ask for less data at once."
            : "Wait a few seconds and try again, or ask for less data at once.",
        IntervalsErrorKind.UpstreamDown => "Intervals.icu is not reachable right now; try again in a few minutes.",
        IntervalsErrorKind.StravaRestricted => "This activity came from Strava, whose terms keep it out of the Intervals.icu API; connect the device (Garmin, Wahoo, Zwift, COROS, Polar, Suunto) to Intervals.icu directly or upload the original file.",
        IntervalsErrorKind.InvalidRequest => "The request was rejected as invalid; correct the named field and try again.",
        IntervalsErrorKind.Timeout => "Intervals.icu did not answer in time; try again, or ask for a shorter date range.",
        _ => "Try again shortly.",
    };
}
