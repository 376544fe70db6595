using System.Text.Json;
using IcuSync.Server.Mcp;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace IcuSync.Server.Tests.Tools.Writes;

/// <summary>The confirm-code protocol itself, with real Data Protection keys and a controllable clock.</summary>
public sealed class WriteConfirmationsTests : IDisposable
{
    private const string Payload = "date=2026-05-20\nname=Threshold\ntext=\n- 1h 80%";
    private static readonly Guid Token = Guid.NewGuid();
    private readonly DirectoryInfo keys = Directory.CreateTempSubdirectory("icusync-keys-");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => keys.Delete(recursive: true);

    [Fact]
    public void A_code_verifies_on_another_instance_that_shares_the_key_ring()
    {
        var issuer = Instance();
        var code = issuer.Issue(Token, "i1001", "push_workout", Payload);

        var check = Instance().Verify(code, Token, "i1001", "push_workout", Payload);

        Assert.Equal(ConfirmStatus.Valid, check.Status);
        Assert.Equal(WriteConfirmations.Fingerprint(code), check.CodeHash);
    }

    [Fact]
    public void A_code_applies_only_to_its_token_athlete_action_and_payload()
    {
        var confirmations = Instance();
        var code = confirmations.Issue(Token, "i1001", "push_workout", Payload);

        Assert.Equal(ConfirmStatus.Mismatch, confirmations.Verify(code, Guid.NewGuid(), "i1001", "push_workout", Payload).Status);
        Assert.Equal(ConfirmStatus.Mismatch, confirmations.Verify(code, Token, "i1002", "push_workout", Payload).Status);
        Assert.Equal(ConfirmStatus.Mismatch, confirmations.Verify(code, Token, "i1001", "delete_workout", Payload).Status);
        Assert.Equal(ConfirmStatus.Mismatch, confirmations.Verify(code, Token, "i1001", "push_workout", Payload + " ").Status);
        Assert.Equal(ConfirmStatus.Valid, confirmations.Verify(code, Token, "i1001", "push_workout", Payload).Status);
    }

    [Fact]
    public void A_code_expires_after_its_lifetime()
    {
        var confirmations = Instance();
        var code = confirmations.Issue(Token, "i1001", "push_workout", Payload);

        clock.Advance(WriteConfirmations.Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(confirmations.Verify(code, Token, "i1001", "push_workout", Payload).IsValid);
        clock.Advance(TimeSpan.FromSeconds(2));
        var expired = confirmations.Verify(code, Token, "i1001", "push_workout", Payload);

        Assert.Equal(ConfirmStatus.Expired, expired.Status);
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Booleans_and_made_up_codes_are_refused_and_nothing_is_a_dry_run_but_absence()
    {
        var confirmations = Instance();
        var otherKeys = new WriteConfirmations(new EphemeralDataProtectionProvider(), clock);
        var foreign = otherKeys.Issue(Token, "i1001", "push_workout", Payload);

        Assert.Equal(ConfirmStatus.NotACode, confirmations.Verify(JsonSerializer.SerializeToElement(true), Token, "i1001", "push_workout", Payload).Status);
        Assert.Equal(ConfirmStatus.NotACode, confirmations.Verify(JsonSerializer.SerializeToElement(1), Token, "i1001", "push_workout", Payload).Status);
        Assert.Equal(ConfirmStatus.NotACode, confirmations.Verify("yes", Token, "i1001", "push_workout", Payload).Status);
        Assert.Equal(ConfirmStatus.Invalid, confirmations.Verify("abc!", Token, "i1001", "push_workout", Payload).Status);
        Assert.Equal(ConfirmStatus.Invalid, confirmations.Verify(foreign, Token, "i1001", "push_workout", Payload).Status);
        Assert.True(confirmations.Verify((JsonElement?)null, Token, "i1001", "push_workout", Payload).IsDryRun);
        Assert.True(confirmations.Verify(JsonSerializer.SerializeToElement(false), Token, "i1001", "push_workout", Payload).IsDryRun);
        Assert.True(confirmations.Verify("  ", Token, "i1001", "push_workout", Payload).IsDryRun);
    }

    private WriteConfirmations Instance() =>
        new(DataProtectionProvider.Create(keys, b => b.SetApplicationName("IcuSync")), clock);
}
