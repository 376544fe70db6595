namespace IcuSync.Intervals;

/// <summary>
/// One Intervals.icu operation as the client calls it. The client builds every request from these descriptors and
/// checks at run time that it sends exactly the declared parameters; the contract tests check the same descriptors
/// against the published OpenAPI document, so the two cannot drift apart.
/// </summary>
public sealed record IntervalsEndpoint
{
    /// <summary>The OpenAPI <c>operationId</c> (e.g. <c>listActivities</c>); also names the call in errors and logs.</summary>
    public required string OperationId { get; init; }

    /// <summary>HTTP method.</summary>
    public required HttpMethod Method { get; init; }

    /// <summary>The path exactly as the OpenAPI document spells it, placeholders included (e.g. <c>/api/v1/activity/{id}/streams{ext}</c>).</summary>
    public required string PathTemplate { get; init; }

    /// <summary>Placeholders the client always fills with a fixed value, such as <c>{ext}</c> = <c>.json</c>.</summary>
    public IReadOnlyDictionary<string, string> FixedPathValues { get; init; } = new Dictionary<string, string>();

    /// <summary>Every query parameter the client may send on this operation.</summary>
    public IReadOnlyList<string> QueryParameters { get; init; } = [];

    /// <summary>Query parameters the client sends on every call (it must, for parameters the spec marks required).</summary>
    public IReadOnlyList<string> AlwaysSentQueryParameters { get; init; } = [];

    /// <summary>
    /// Parameters the spec marks required but the live API treats as optional, with the evidence; the client leaves them out.
    /// </summary>
    public IReadOnlyDictionary<string, string> WaivedRequiredQueryParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// True when repeating the call cannot duplicate its effect, so it may be retried after a timeout or 5xx.
    /// Plain POST creates are not idempotent and are retried only on 429 (refused before being processed).
    /// </summary>
    public required bool IsIdempotent { get; init; }

    /// <summary>DTO type of the JSON request body (element type for arrays), or null when there is none.</summary>
    public Type? RequestBody { get; init; }

    /// <summary>True when the request body is a JSON array of <see cref="RequestBody"/>.</summary>
    public bool RequestIsArray { get; init; }

    /// <summary>DTO type of the JSON response (element type for arrays), or null when the body is ignored.</summary>
    public Type? ResponseBody { get; init; }

    /// <summary>True when the response is a JSON array of <see cref="ResponseBody"/>.</summary>
    public bool ResponseIsArray { get; init; }

    /// <summary>True when Intervals.icu refuses bearer tokens here (an API key is required).</summary>
    public bool ApiKeyOnly { get; init; }

    /// <summary>
    /// False for the OAuth token exchange, which Intervals.icu documents in its forum guide rather than in the OpenAPI
    /// document, and which lives outside <c>/api/v1</c>.
    /// </summary>
    public bool InOpenApi { get; init; } = true;

    /// <summary>Placeholders in <see cref="PathTemplate"/>, in order (e.g. <c>id</c>, <c>ext</c>).</summary>
    public IReadOnlyList<string> PathParameters => ParsePlaceholders(PathTemplate);

    internal static IReadOnlyList<string> ParsePlaceholders(string template)
    {
        var names = new List<string>();
        var start = -1;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{')
            {
                start = i + 1;
            }
            else if (template[i] == '}' && start >= 0)
            {
                names.Add(template[start..i]);
                start = -1;
            }
        }

        return names;
    }
}
