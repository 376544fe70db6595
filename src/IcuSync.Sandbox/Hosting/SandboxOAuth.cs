using System.Security.Cryptography;

namespace IcuSync.Sandbox.Hosting;

/// <summary>A bearer token issued by the OAuth emulation.</summary>
internal sealed record OAuthGrant(string AthleteId, IReadOnlySet<string> Scopes, string ScopeText, string ClientId);

/// <summary>Authorization codes (2 minutes, single use) and long-lived bearer tokens of the OAuth emulation.</summary>
internal sealed class SandboxOAuth(TimeProvider time)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(2);

    /// <summary>Scope areas the emulation knows (AREA:READ / AREA:WRITE).</summary>
    public static readonly string[] Areas = ["ACTIVITY", "WELLNESS", "CALENDAR", "SETTINGS", "LIBRARY"];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (OAuthGrant Grant, DateTimeOffset Expires)> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OAuthGrant> _tokens = new(StringComparer.Ordinal);

    /// <summary>Parses a comma-separated scope list; returns an error message for unknown or duplicate scopes.</summary>
    public static string? ParseScopes(string? scope, out HashSet<string> scopes)
    {
        scopes = new HashSet<string>(StringComparer.Ordinal);
        var areas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in (scope ?? string.Empty).Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.ToUpperInvariant().Split(':');
            if (parts.Length != 2 || !Areas.Contains(parts[0]) || parts[1] is not ("READ" or "WRITE"))
            {
                return $"Unknown scope '{raw}'. Use AREA:READ or AREA:WRITE with AREA one of {string.Join(", ", Areas)}.";
            }

            if (!areas.Add(parts[0]))
            {
                return $"Duplicate scope for {parts[0]}: request READ or WRITE, not both (WRITE implies READ).";
            }

            scopes.Add(parts[0] + ":" + parts[1]);
            if (parts[1] == "WRITE")
            {
                scopes.Add(parts[0] + ":READ");
            }
        }

        return null;
    }

    public string IssueCode(OAuthGrant grant)
    {
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (_gate)
        {
            _codes[code] = (grant, time.GetUtcNow() + CodeLifetime);
        }

        return code;
    }

    /// <summary>Exchanges a code once; null when unknown, used or older than two minutes.</summary>
    public (string Token, OAuthGrant Grant)? Exchange(string code, string clientId)
    {
        lock (_gate)
        {
            if (!_codes.Remove(code, out var entry) || entry.Expires < time.GetUtcNow() || entry.Grant.ClientId != clientId)
            {
                return null;
            }

            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            _tokens[token] = entry.Grant;
            return (token, entry.Grant);
        }
    }

    public OAuthGrant? Find(string token)
    {
        lock (_gate)
        {
            return _tokens.GetValueOrDefault(token);
        }
    }

    /// <summary>Revokes every token of the athlete for the token's app.</summary>
    public int Revoke(string token)
    {
        lock (_gate)
        {
            if (!_tokens.TryGetValue(token, out var grant))
            {
                return 0;
            }

            var doomed = _tokens.Where(kv => kv.Value.AthleteId == grant.AthleteId && kv.Value.ClientId == grant.ClientId).Select(kv => kv.Key).ToList();
            foreach (var t in doomed)
            {
                _tokens.Remove(t);
            }

            return doomed.Count;
        }
    }

    /// <summary>Issues a token directly (for tests and embedding hosts that skip the browser step).</summary>
    public string IssueToken(OAuthGrant grant)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (_gate)
        {
            _tokens[token] = grant;
        }

        return token;
    }
}
