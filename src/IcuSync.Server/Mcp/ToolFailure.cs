using IcuSync.Intervals;
using ModelContextProtocol;

namespace IcuSync.Server.Mcp;

/// <summary>
/// Builds the tool errors the model sees. Only these messages cross the MCP boundary
/// (the SDK hides any other exception text), so each says what was wrong and what to do next.
/// </summary>
public static partial class ToolFailure
{
    private static readonly char[] Flattened = ['\r', '\n', '\t', '"'];

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
            "Intervals.icu refused the request as invalid" + UpstreamDetail(error) + ". Check the arguments (dates as YYYY-MM-DD, ids as listed) and try again.",
        _ => "Intervals.icu returned an unexpected error. Try again shortly.",
    });

    /// <summary>Longest upstream detail passed on to the model, in characters.</summary>
    public const int MaxUpstreamDetail = 200;

    /// <summary>
    /// The server's own words about what was wrong (e.g. which field), so the model can correct the call. The client
    /// already redacts the credential from this text; emails are masked, line breaks and quotes flattened, and it is trimmed.
    /// </summary>
    private static string UpstreamDetail(IntervalsException error)
    {
        var detail = error.ServerMessage;
        if (string.IsNullOrWhiteSpace(detail))
        {
            return "";
        }

        var flat = string.Join(' ', detail.Split(Flattened, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        flat = EmailPattern().Replace(flat, "[email]");
        if (flat.Length > MaxUpstreamDetail)
        {
            flat = flat[..MaxUpstreamDetail].TrimEnd() + "…";
        }

        return flat.Length == 0 ? "" : $" (it said: \"{flat}\")";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\s@""']+@[^\s@""']+\.[A-Za-z]{2,}", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex EmailPattern();
}
