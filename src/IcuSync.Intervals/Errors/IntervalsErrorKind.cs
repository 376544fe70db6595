namespace IcuSync.Intervals;

/// <summary>What went wrong talking to Intervals.icu, in terms a caller can turn into advice.</summary>
public enum IntervalsErrorKind
{
    /// <summary>401: the API key or OAuth token is missing, wrong or revoked. Reconnect or set a new key.</summary>
    Unauthorized,

    /// <summary>403: authenticated, but no access to this athlete or operation (not coached, missing scope, API key sent as bearer, bearer on a key-only endpoint).</summary>
    Forbidden,

    /// <summary>404: no such athlete, activity, event, date record or path.</summary>
    NotFound,

    /// <summary>429 after the retry budget was spent, or a Retry-After longer than the client will wait.</summary>
    RateLimited,

    /// <summary>5xx, a dropped connection or an unreadable response: Intervals.icu (or the network) is unavailable.</summary>
    UpstreamDown,

    /// <summary>The activity was imported from Strava; Strava's terms keep its data out of the Intervals.icu API.</summary>
    StravaRestricted,

    /// <summary>400/405/422 or a client-side validation failure: the request itself is wrong and retrying will not help.</summary>
    InvalidRequest,

    /// <summary>No answer within the per-request timeout (after retries) or the overall budget.</summary>
    Timeout,
}
