using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using IcuSync.Intervals;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Accounts;

/// <summary>
/// Creates, hashes and encrypts the secrets of the account system: MCP tokens, confirmation-link codes and
/// Intervals.icu credentials. Lookups only ever see a SHA-256 digest of a secret, never the secret itself.
/// </summary>
public sealed class AccountSecrets
{
    /// <summary>Length of the random part of a token or link code: base64url of 32 bytes (256 bits), unpadded.</summary>
    public const int RandomPartLength = 43;

    private readonly IDataProtector credentialProtector;
    private readonly IDataProtector tokenProtector;
    private readonly IOptions<AccountsOptions> options;

    public AccountSecrets(IDataProtectionProvider dataProtection, IOptions<AccountsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        credentialProtector = dataProtection.CreateProtector("IcuSync.Accounts.IntervalsCredential.v1");
        tokenProtector = dataProtection.CreateProtector("IcuSync.Accounts.McpToken.v1");
        this.options = options;
    }

    /// <summary>A new MCP token: the configured prefix followed by 256 random bits, URL-safe.</summary>
    public string NewToken() => options.Value.TokenPrefix + NewRandomPart();

    /// <summary>
    /// A new token with its digest and encrypted copy. Mint before opening a database transaction: encrypting may
    /// create a Data Protection key, which is written to the same database (and SQLite allows one writer).
    /// </summary>
    internal MintedToken MintToken()
    {
        var value = NewToken();
        return new MintedToken(value, Hash(value), tokenProtector.Protect(value));
    }

    /// <summary>A new confirmation-link code (256 random bits, URL-safe).</summary>
    public static string NewLinkCode() => NewRandomPart();

    /// <summary>SHA-256 of the UTF-8 text (32 bytes).</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Compares two digests without an early exit, so the time taken does not depend on where they differ.</summary>
    public static bool DigestsEqual(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        CryptographicOperations.FixedTimeEquals(left, right);

    /// <summary>
    /// True when <paramref name="token"/> has the shape of an MCP token (any 1–16 character prefix, so tokens survive
    /// a prefix change, then 43 base64url characters). Shape is public, so rejecting early leaks nothing.
    /// </summary>
    public static bool HasTokenShape(string? token) =>
        token is { Length: > RandomPartLength and <= RandomPartLength + 16 }
        && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>True when <paramref name="code"/> has the shape of a confirmation-link code.</summary>
    public static bool HasLinkCodeShape(string? code) =>
        code is { Length: RandomPartLength } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    internal string UnprotectToken(string protectedToken) => tokenProtector.Unprotect(protectedToken);

    internal string ProtectCredential(string secret) => credentialProtector.Protect(secret);

    /// <summary>Decrypts a stored credential; null when there is none or it can no longer be decrypted (lost keys).</summary>
    internal IntervalsCredential? UnprotectCredential(CredentialKind kind, string? protectedSecret, string? scopes)
    {
        if (kind == CredentialKind.None || string.IsNullOrEmpty(protectedSecret))
        {
            return null;
        }

        string secret;
        try
        {
            secret = credentialProtector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }

        return kind == CredentialKind.ApiKey
            ? IntervalsCredential.ApiKey(secret)
            : IntervalsCredential.Bearer(secret, string.IsNullOrEmpty(scopes) ? null : [scopes]);
    }

    private static string NewRandomPart()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }
}

/// <summary>A token value, its SHA-256 digest and its Data-Protection-encrypted copy.</summary>
internal sealed record MintedToken(string Value, byte[] Hash, string Protected);
