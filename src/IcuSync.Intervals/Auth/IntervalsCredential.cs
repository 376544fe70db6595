using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace IcuSync.Intervals;

/// <summary>How a credential authenticates to Intervals.icu.</summary>
public enum IntervalsCredentialKind
{
    /// <summary>A personal API key, sent as HTTP Basic with the literal user name <c>API_KEY</c>.</summary>
    ApiKey,

    /// <summary>An OAuth access token, sent as <c>Authorization: Bearer</c>; limited to its granted scopes and its own athlete.</summary>
    Bearer,
}

/// <summary>
/// The secret IcuSync presents to Intervals.icu on behalf of one user. The secret never appears in
/// <see cref="ToString"/>, in exception messages or in logs; rate-limit partitions use a one-way fingerprint of it.
/// </summary>
public sealed class IntervalsCredential : IEquatable<IntervalsCredential>
{
    /// <summary>The fixed Basic-auth user name Intervals.icu expects for API keys.</summary>
    public const string ApiKeyUserName = "API_KEY";

    private readonly string _secret;

    private IntervalsCredential(IntervalsCredentialKind kind, string secret, IReadOnlyList<string> scopes)
    {
        Kind = kind;
        _secret = secret;
        Scopes = scopes;
        Fingerprint = ComputeFingerprint(kind, secret);
    }

    /// <summary>API key or bearer token.</summary>
    public IntervalsCredentialKind Kind { get; }

    /// <summary>Scopes granted to a bearer token (e.g. <c>ACTIVITY:READ</c>); empty for API keys, which carry their owner's full rights.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>A stable, non-reversible identifier of this credential (hex SHA-256 prefix), safe to use as a cache or partition key.</summary>
    public string Fingerprint { get; }

    /// <summary>Creates an API-key credential (Intervals.icu → Settings → Developer Settings).</summary>
    /// <exception cref="ArgumentException">The key is empty or contains whitespace.</exception>
    public static IntervalsCredential ApiKey(string apiKey)
    {
        var key = Validate(apiKey, nameof(apiKey), "an Intervals.icu API key (Settings → Developer Settings)");
        return new IntervalsCredential(IntervalsCredentialKind.ApiKey, key, []);
    }

    /// <summary>Creates a bearer credential from an OAuth access token and the scopes that were granted with it.</summary>
    /// <param name="accessToken">The token from the OAuth code exchange.</param>
    /// <param name="scopes">Granted scopes, e.g. <c>ACTIVITY:READ</c>; a single comma-separated string is split.</param>
    /// <exception cref="ArgumentException">The token is empty or contains whitespace.</exception>
    public static IntervalsCredential Bearer(string accessToken, IEnumerable<string>? scopes = null)
    {
        var token = Validate(accessToken, nameof(accessToken), "an OAuth access token from the Intervals.icu code exchange");
        return new IntervalsCredential(IntervalsCredentialKind.Bearer, token, IntervalsScopes.Normalize(scopes));
    }

    /// <summary>
    /// True when this credential may use <paramref name="scope"/>. API keys always may; bearer tokens need the scope
    /// itself or the WRITE level of the same area (WRITE implies READ).
    /// </summary>
    public bool Allows(string scope)
    {
        if (Kind == IntervalsCredentialKind.ApiKey)
        {
            return true;
        }

        var wanted = scope.Trim().ToUpperInvariant();
        if (Scopes.Contains(wanted, StringComparer.Ordinal))
        {
            return true;
        }

        var colon = wanted.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && wanted.EndsWith(":READ", StringComparison.Ordinal)
            && Scopes.Contains(string.Concat(wanted.AsSpan(0, colon), ":WRITE"), StringComparer.Ordinal);
    }

    /// <summary>
    /// Returns the raw key or token, for encrypting it at rest. Never log, display or return it to a model.
    /// </summary>
    public string RevealSecret() => _secret;

    /// <summary>The <c>Authorization</c> header value for this credential.</summary>
    internal AuthenticationHeaderValue ToAuthorizationHeader() => Kind switch
    {
        IntervalsCredentialKind.ApiKey => new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKeyUserName + ":" + _secret))),
        _ => new AuthenticationHeaderValue("Bearer", _secret),
    };

    /// <summary>Replaces any occurrence of the secret in <paramref name="text"/>, so upstream text can be shown safely.</summary>
    internal string Redact(string text) =>
        _secret.Length == 0 ? text : text.Replace(_secret, "***", StringComparison.Ordinal);

    /// <inheritdoc />
    public bool Equals(IntervalsCredential? other) =>
        other is not null && other.Kind == Kind && string.Equals(other._secret, _secret, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as IntervalsCredential);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Fingerprint);

    /// <summary>Describes the credential without revealing it.</summary>
    public override string ToString() => Kind == IntervalsCredentialKind.ApiKey
        ? $"Intervals.icu API key #{Fingerprint[..8]}"
        : $"Intervals.icu OAuth token #{Fingerprint[..8]} ({(Scopes.Count == 0 ? "no scopes" : string.Join(',', Scopes))})";

    private static string Validate(string value, string parameter, string expected)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The credential is empty. Expected {expected}.", parameter);
        }

        var trimmed = value.Trim();
        if (trimmed.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"The credential contains whitespace. Expected {expected}, pasted without spaces.", parameter);
        }

        return trimmed;
    }

    private static string ComputeFingerprint(IntervalsCredentialKind kind, string secret)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes((kind == IntervalsCredentialKind.ApiKey ? "key:" : "bearer:") + secret));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 12));
    }
}
