namespace IcuSync.Intervals;

/// <summary>
/// What to search for with <see cref="IIntervalsClient.GetBestEffortsAsync"/>: one stream and exactly one of
/// <see cref="DurationSeconds"/> or <see cref="DistanceMeters"/>.
/// </summary>
/// <param name="Stream">Stream to search, e.g. <c>watts</c>, <c>heartrate</c>, <c>velocity_smooth</c>.</param>
/// <param name="DurationSeconds">Effort length in seconds.</param>
/// <param name="DistanceMeters">Effort length in meters.</param>
/// <param name="Count">How many efforts to return (Intervals.icu default 8).</param>
/// <param name="ExcludeIntervals">True to ignore parts of the stream inside work intervals.</param>
public sealed record BestEffortsQuery(
    string Stream,
    int? DurationSeconds = null,
    double? DistanceMeters = null,
    int? Count = null,
    bool ExcludeIntervals = false);

/// <summary>The parts of an OAuth consent URL.</summary>
/// <param name="ClientId">The OAuth application's client id.</param>
/// <param name="RedirectUri">Where Intervals.icu sends the browser back (must be registered with the app).</param>
/// <param name="Scopes">Scopes to request, e.g. <see cref="IntervalsScopes.ActivityRead"/>; one level per area.</param>
/// <param name="State">An unguessable value tying the callback to this request (CSRF protection).</param>
public sealed record IntervalsAuthorizeRequest(string ClientId, Uri RedirectUri, IReadOnlyCollection<string> Scopes, string State);

/// <summary>
/// The result of an OAuth code exchange: a bearer credential (no refresh token, no expiry: valid until revoked) and
/// the athlete who granted it. Scopes may be fewer than requested (the user can untick them).
/// </summary>
/// <param name="Credential">The bearer credential; its secret is not printed by <c>ToString</c>.</param>
/// <param name="AthleteId">The granting athlete's id, as returned (opaque; may lack the <c>i</c> prefix on legacy accounts).</param>
/// <param name="AthleteName">The granting athlete's name.</param>
/// <param name="Scopes">Scopes actually granted.</param>
public sealed record IntervalsOAuthGrant(IntervalsCredential Credential, string AthleteId, string? AthleteName, IReadOnlyList<string> Scopes);
