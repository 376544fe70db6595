using IcuSync.Intervals;
using ModelContextProtocol;

namespace IcuSync.Server.Mcp;

/// <summary>
/// Builds the tool errors the model sees. Only these messages cross the MCP boundary
/// (the SDK hides any other exception text), so each says what was wrong and what to do next.
/// </summary>
public static class ToolFailure
{
    /// <summary>A bad argument: names the argument, the accepted form, and (optionally) what was received.</summary>
    public static McpException BadArgument(string argument, string acceptedForm, string? detail = null) =>
        new($"Invalid argument '{argument}': {(detail is null ? "" : detail + ". ")}Expected {acceptedForm}.");

    public static McpException Refused(string message) => new(message);

    /// <summary>Turns an upstream failure into advice the model can act on.</summary>
    public static McpException FromIntervals(IntervalsException error) => new(error.Kind switch
    {
        IntervalsErrorKind.Unauthorized =>
            "Intervals.icu rejected the stored credentials. The athlete should reconnect their Intervals.icu account on the IcuSync dashboard (or set a new API key).",
        IntervalsErrorKind.Forbidden =>
            "Intervals.icu denied access to this athlete's data. The athlete may have removed coach access on Intervals.icu; ask them to re-share or re-invite.",
        IntervalsErrorKind.NotFound =>
            "Intervals.icu has no such item for this athlete. Check the id or date (list items first to get their ids).",
        IntervalsErrorKind.RateLimited =>
            $"Intervals.icu is rate limiting requests. Wait {(error.RetryAfter is { } wait ? $"{Math.Ceiling(wait.TotalSeconds):0} seconds" : "a few seconds")} and try again, or ask for a shorter date range.",
        IntervalsErrorKind.StravaRestricted =>
            "This activity was imported from Strava, and Strava's terms keep its data out of the Intervals.icu API. Upload the original file to Intervals.icu (or sync from the device) to analyse it.",
        IntervalsErrorKind.Timeout =>
            "Intervals.icu did not answer in time. Try again shortly, or ask for a shorter date range.",
        IntervalsErrorKind.UpstreamDown =>
            "Intervals.icu is not reachable right now. Nothing was changed; try again in a few minutes.",
        IntervalsErrorKind.InvalidRequest =>
            "Intervals.icu refused the request as invalid. Check the arguments (dates as YYYY-MM-DD, ids as listed) and try again.",
        _ => "Intervals.icu returned an unexpected error. Try again shortly.",
    });
}
