using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace IcuSync.Server.Mcp;

/// <summary>What a <c>confirm</c> argument turned out to be.</summary>
public enum ConfirmStatus
{
    /// <summary>No code: the call is a dry run.</summary>
    Missing,

    /// <summary>A code issued for exactly this token, athlete, action and payload, and not expired: apply the write.</summary>
    Valid,

    /// <summary>Not a code at all (<c>true</c>, a number, an object): safety never comes from a boolean.</summary>
    NotACode,

    /// <summary>Not a code IcuSync issued (forged, truncated, or protected with a key this deployment does not hold).</summary>
    Invalid,

    /// <summary>A genuine code whose lifetime has passed.</summary>
    Expired,

    /// <summary>A genuine code issued for another payload, action, athlete or connection.</summary>
    Mismatch,
}

/// <summary>The verdict on a <c>confirm</c> argument, with the message to show the model when it is refused.</summary>
/// <param name="Status">What the argument was.</param>
/// <param name="Message">For refusals: what was wrong and what to do next (dry-run first). Empty otherwise.</param>
/// <param name="CodeHash">A short SHA-256 fingerprint of the code given (for the audit log); null when no string was given.</param>
public sealed record ConfirmCheck(ConfirmStatus Status, string Message, string? CodeHash)
{
    /// <summary>True when the write may be applied.</summary>
    public bool IsValid => Status == ConfirmStatus.Valid;

    /// <summary>True when no code was given, so the call previews the write.</summary>
    public bool IsDryRun => Status == ConfirmStatus.Missing;

    /// <summary>True when a code (or something else) was given but it does not authorise this write.</summary>
    public bool IsRefused => !IsValid && !IsDryRun;
}

/// <summary>
/// The server-enforced dry run → confirm protocol shared by every write tool and intent.
/// <para>
/// A dry run computes a canonical text of exactly what would be written and <see cref="Issue"/>s a code for it. The
/// code is a Data Protection payload (keys are shared through the database, so any instance can check a code another
/// issued) holding an expiry and a SHA-256 of token id + athlete + action + canonical payload. <c>Verify</c>
/// recomputes the digest from the confirming call's own arguments, so a code only authorises the very payload that was
/// previewed, for the same connection and athlete, within <see cref="Lifetime"/>. A code cannot be made up, and a
/// boolean <c>confirm:true</c> is refused. Codes are stateless: replaying a valid code repeats the same write, so writes
/// behind this gate are idempotent (external ids, in-place updates, deletes of a named event).
/// </para>
/// </summary>
/// <remarks>
/// The expiry is checked here with <see cref="TimeProvider"/> rather than by Data Protection's time-limited protector,
/// whose clock cannot be substituted; the protector still authenticates the expiry, so it cannot be extended.
/// </remarks>
public sealed class WriteConfirmations
{
    /// <summary>How long a confirm code stays valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private const byte Version = 1;
    private const int PlainLength = 1 + 8 + 32;
    private readonly IDataProtector protector;
    private readonly TimeProvider time;

    public WriteConfirmations(IDataProtectionProvider dataProtection, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        protector = dataProtection.CreateProtector("IcuSync.Mcp.WriteConfirmations.v1");
        this.time = time;
    }

    /// <summary>
    /// A confirm code for this exact write. <paramref name="canonicalPayload"/> must be built deterministically from
    /// the write's arguments (and, for edits and deletes, the current state of the target), so that the confirming call
    /// rebuilds the same text.
    /// </summary>
    public string Issue(Guid tokenId, string athleteId, string action, string canonicalPayload)
    {
        Span<byte> plain = stackalloc byte[PlainLength];
        plain[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(plain[1..9], (time.GetUtcNow() + Lifetime).ToUnixTimeSeconds());
        Digest(tokenId, athleteId, action, canonicalPayload).CopyTo(plain[9..]);
        return Base64Url.EncodeToString(protector.Protect(plain.ToArray()));
    }

    /// <summary>When a code issued now expires.</summary>
    public DateTimeOffset ExpiryOfNewCode() => time.GetUtcNow() + Lifetime;

    /// <summary>Checks a string <c>confirm</c> argument against the write the call would make.</summary>
    public ConfirmCheck Verify(string? confirm, Guid tokenId, string athleteId, string action, string canonicalPayload)
    {
        if (string.IsNullOrWhiteSpace(confirm))
        {
            return new ConfirmCheck(ConfirmStatus.Missing, "", null);
        }

        var code = confirm.Trim();
        var codeHash = Fingerprint(code);
        if (code.ToLowerInvariant() is "true" or "yes" or "confirm" or "confirmed" or "1")
        {
            return new ConfirmCheck(ConfirmStatus.NotACode, NotACodeMessage(action), codeHash);
        }

        byte[] plain;
        try
        {
            plain = protector.Unprotect(Base64Url.DecodeFromChars(code));
        }
        catch (Exception error) when (error is CryptographicException or FormatException)
        {
            return new ConfirmCheck(ConfirmStatus.Invalid,
                $"The 'confirm' value is not a code IcuSync issued (it may be cut short, altered or made up). Nothing was written. " +
                $"Call {action} without 'confirm' to dry-run this change, check the preview, then repeat the call with the 'confirm' code it returns.",
                codeHash);
        }

        if (plain.Length != PlainLength || plain[0] != Version)
        {
            return new ConfirmCheck(ConfirmStatus.Invalid,
                $"The 'confirm' code has an unknown format. Nothing was written. Call {action} without 'confirm' to get a fresh code.", codeHash);
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(plain.AsSpan(1, 8)));
        if (!CryptographicOperations.FixedTimeEquals(plain.AsSpan(9), Digest(tokenId, athleteId, action, canonicalPayload)))
        {
            return new ConfirmCheck(ConfirmStatus.Mismatch,
                $"The 'confirm' code was issued for a different change: other arguments, another athlete or connection, or the target changed since the dry run. " +
                $"Nothing was written. A code only applies to exactly the payload it previewed: call {action} without 'confirm' with the arguments you want, " +
                "check the preview, then repeat those same arguments with the new code.",
                codeHash);
        }

        if (time.GetUtcNow() > expires)
        {
            return new ConfirmCheck(ConfirmStatus.Expired,
                $"The 'confirm' code expired (codes last {Lifetime.TotalMinutes:0} minutes). Nothing was written. Call {action} without 'confirm' to dry-run again and get a fresh code.",
                codeHash);
        }

        return new ConfirmCheck(ConfirmStatus.Valid, "", codeHash);
    }

    /// <summary>
    /// Checks a <c>confirm</c> argument of any JSON type: a tool declares it as <see cref="JsonElement"/> so that a model
    /// sending <c>true</c> gets a clear refusal instead of an argument-binding failure.
    /// </summary>
    public ConfirmCheck Verify(JsonElement? confirm, Guid tokenId, string athleteId, string action, string canonicalPayload) =>
        confirm is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
            ? new ConfirmCheck(ConfirmStatus.Missing, "", null)
            : value.ValueKind == JsonValueKind.String
                ? Verify(value.GetString(), tokenId, athleteId, action, canonicalPayload)
                : value.ValueKind == JsonValueKind.False
                    ? new ConfirmCheck(ConfirmStatus.Missing, "", null)
                    : new ConfirmCheck(ConfirmStatus.NotACode, NotACodeMessage(action), Fingerprint(value.GetRawText()));

    /// <summary>A short, non-reversible fingerprint of a code or payload for audit rows (first 16 hex digits of SHA-256).</summary>
    public static string Fingerprint(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];

    private static string NotACodeMessage(string action) =>
        $"'confirm' must be the code returned by a dry run of this exact change, not true/yes: safety does not come from a flag. " +
        $"Nothing was written. Call {action} without 'confirm' to dry-run, show the preview to the user, and repeat the same call with the returned code once they approve.";

    private static byte[] Digest(Guid tokenId, string athleteId, string action, string canonicalPayload)
    {
        // Length-prefixed parts, so no choice of values can make two different tuples hash alike.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var part in new[] { "icusync-write-v1", tokenId.ToString("N"), athleteId, action, canonicalPayload })
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        return hash.GetHashAndReset();
    }
}

/// <summary>Whether a write call applies its change, and the code a dry run hands out.</summary>
/// <param name="Apply">True when the call carried a valid code: make the change now.</param>
/// <param name="ConfirmCode">For dry runs: the code that authorises exactly this change.</param>
/// <param name="ExpiresAt">For dry runs: when <paramref name="ConfirmCode"/> expires (UTC).</param>
/// <param name="PayloadHash">A fingerprint of the canonical payload (for audit and for the result).</param>
/// <param name="CodeHash">A fingerprint of the code given or issued (never the code itself).</param>
public sealed record WriteDecision(bool Apply, string? ConfirmCode, DateTimeOffset? ExpiresAt, string PayloadHash, string? CodeHash);

/// <summary>
/// The dry run → confirm flow with its audit trail, for tools and intents: call <see cref="DecideAsync"/> once the write
/// is validated and its canonical payload built; preview when <see cref="WriteDecision.Apply"/> is false, otherwise make
/// the change and call <see cref="AppliedAsync"/>. Refused codes throw a tool error (audited) and write nothing.
/// </summary>
public sealed class WriteGate(WriteConfirmations confirmations, WriteAudit audit)
{
    /// <summary>
    /// No code: audits the preview and issues a code. A valid code: returns <c>Apply = true</c>. Anything else: audits the
    /// refusal and throws the message telling the model to dry-run first.
    /// </summary>
    /// <param name="scope">The resolved athlete and principal of the call.</param>
    /// <param name="action">The tool or intent action name (part of the digest, so a code cannot cross actions).</param>
    /// <param name="canonicalPayload">The deterministic text of the change.</param>
    /// <param name="confirm">The raw <c>confirm</c> argument.</param>
    /// <param name="what">A one-line, email-free description of the change for the audit log (e.g. <c>event=123 date=2026-05-20</c>).</param>
    /// <param name="cancellationToken">Cancels the audit write.</param>
    public async Task<WriteDecision> DecideAsync(
        AthleteScope scope,
        string action,
        string canonicalPayload,
        JsonElement? confirm,
        string what,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var payloadHash = WriteConfirmations.Fingerprint(canonicalPayload);
        var check = confirmations.Verify(confirm, scope.Principal.TokenId, scope.AthleteId, action, canonicalPayload);
        if (check.IsValid)
        {
            return new WriteDecision(true, null, null, payloadHash, check.CodeHash);
        }

        if (check.IsRefused)
        {
            await audit.RecordAsync(scope, action, WriteStage.Refused, $"{what} reason=confirm_{check.Status.ToString().ToLowerInvariant()}", payloadHash, check.CodeHash, cancellationToken);
            throw ToolFailure.Refused(check.Message);
        }

        var expires = confirmations.ExpiryOfNewCode();
        var code = confirmations.Issue(scope.Principal.TokenId, scope.AthleteId, action, canonicalPayload);
        var codeHash = WriteConfirmations.Fingerprint(code);
        await audit.RecordAsync(scope, action, WriteStage.Previewed, what, payloadHash, codeHash, cancellationToken);
        return new WriteDecision(false, code, expires, payloadHash, codeHash);
    }

    /// <summary>Audits a change that was made with a valid code (the confirm half of the dry-run/confirm pair).</summary>
    public Task AppliedAsync(AthleteScope scope, string action, WriteDecision decision, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return audit.RecordAsync(scope, action, WriteStage.Applied, what, decision.PayloadHash, decision.CodeHash, cancellationToken);
    }

    /// <summary>Audits a write refused before any code was issued (for example workout text with rule errors).</summary>
    public Task RefusedAsync(AthleteScope scope, string action, string what, string reason, CancellationToken cancellationToken) =>
        audit.RecordAsync(scope, action, WriteStage.Refused, $"{what} reason={reason}", null, null, cancellationToken);
}
