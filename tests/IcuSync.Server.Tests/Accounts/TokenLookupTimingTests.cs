using System.Security.Cryptography;
using System.Text;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Data;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IcuSync.Server.Tests.Accounts;

/// <summary>
/// Token lookups must not leak timing. Wall-clock asserts would be flaky, so these tests prove the structure that makes
/// the lookup time independent of how close a guess is: the secret never reaches the database or a comparison; only
/// its SHA-256 digest does; a near-miss guess has a digest unrelated to the real one; every well-formed guess takes
/// the same database path; and digests are compared with <see cref="CryptographicOperations.FixedTimeEquals"/>.
/// </summary>
public sealed class TokenLookupTimingTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Token_lookup_sends_only_the_sha256_digest_to_the_database(string provider)
    {
        var commands = new DbCommandRecorder();
        await using var host = await AccountsTestHost.StartAsync(provider, services: s => Record(s, commands));
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var token = await host.AthleteTokenAsync(ada.Id);
        commands.Clear();

        Assert.NotNull(await host.ResolveAsync(token));

        var lookup = commands.Commands.First(c => c.Text.Contains("McpTokens", StringComparison.Ordinal));
        var parameter = Assert.Single(lookup.Parameters);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), Assert.IsType<byte[]>(parameter));
        var secret = token[^AccountSecrets.RandomPartLength..];
        foreach (var command in commands.Commands)
        {
            Assert.DoesNotContain(secret[..12], command.Text, StringComparison.Ordinal);
            Assert.All(command.Parameters.OfType<string>(), p => Assert.DoesNotContain(secret[..12], p, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Near_miss_and_random_guesses_take_the_same_database_path(string provider)
    {
        var commands = new DbCommandRecorder();
        await using var host = await AccountsTestHost.StartAsync(provider, services: s => Record(s, commands));
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var token = await host.AthleteTokenAsync(ada.Id);
        var realDigest = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var secrets = host.Get<AccountSecrets>();

        commands.Clear();
        Assert.Null(await host.ResolveAsync(secrets.NewToken()));
        var randomPath = commands.Commands.Select(c => c.Text).ToList();
        var lookups = randomPath.Count(t => t.Contains("McpTokens", StringComparison.Ordinal));

        var sharedBits = new List<int>();
        foreach (var guess in NearMisses(token))
        {
            commands.Clear();
            Assert.Null(await host.ResolveAsync(guess));
            Assert.Equal(randomPath, commands.Commands.Select(c => c.Text));
            var lookup = commands.Commands.Single(c => c.Text.Contains("McpTokens", StringComparison.Ordinal));
            var digest = Assert.IsType<byte[]>(Assert.Single(lookup.Parameters));
            Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(guess)), digest);
            sharedBits.Add(CommonPrefixBits(digest, realDigest));
        }

        // A guess one character away probes the index no closer to the real key than a random one: about 1 shared
        // leading bit on average (the expectation for unrelated digests), never a long shared prefix.
        Assert.Equal(1, lookups);
        Assert.True(sharedBits.Average() < 4, $"near-miss digests share {sharedBits.Average():0.0} leading bits on average");
        Assert.True(sharedBits.Max() < 24, $"a near-miss digest shares {sharedBits.Max()} leading bits");
    }

    [Theory]
    [InlineData("")]
    [InlineData("icu_short")]
    [InlineData("icu_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")]
    [InlineData("icu_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%41")]
    [InlineData("a-very-long-prefix-that-is-not-a-token_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Malformed_tokens_are_refused_without_a_database_lookup(string token)
    {
        var commands = new DbCommandRecorder();
        await using var host = await AccountsTestHost.StartAsync(TestDatabase.Sqlite, services: s => Record(s, commands));
        commands.Clear();

        Assert.Null(await host.ResolveAsync(token));

        Assert.Empty(commands.Commands);
    }

    [Fact]
    public async Task The_sqlite_lookup_is_an_index_search_on_the_digest()
    {
        var commands = new DbCommandRecorder();
        await using var host = await AccountsTestHost.StartAsync(TestDatabase.Sqlite, services: s => Record(s, commands));
        commands.Clear();
        await host.ResolveAsync(host.Get<AccountSecrets>().NewToken());

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(host.Database.ConnectionString);
        await connection.OpenAsync(host.Ct);
        await using var explain = connection.CreateCommand();
        var lookup = commands.Commands.Single(c => c.Text.Contains("McpTokens", StringComparison.Ordinal));
        explain.CommandText = "EXPLAIN QUERY PLAN " + lookup.Text;
        explain.Parameters.AddWithValue(lookup.ParameterNames[0], new byte[32]);
        var plan = new StringBuilder();
        await using (var reader = await explain.ExecuteReaderAsync(host.Ct))
        {
            while (await reader.ReadAsync(host.Ct))
            {
                plan.AppendLine(reader.GetString(3));
            }
        }

        Assert.Contains("USING INDEX IX_McpTokens_Hash", plan.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Digests_are_compared_in_full_whatever_byte_differs()
    {
        var digest = SHA256.HashData("icu_example"u8);
        for (var i = 0; i < digest.Length; i++)
        {
            var other = (byte[])digest.Clone();
            other[i] ^= 0x01;
            Assert.False(AccountSecrets.DigestsEqual(digest, other));
        }

        Assert.True(AccountSecrets.DigestsEqual(digest, (byte[])digest.Clone()));
        Assert.False(AccountSecrets.DigestsEqual(digest, digest.AsSpan(0, 31)));
        Assert.False(AccountSecrets.DigestsEqual(digest, []));
    }

    [Fact]
    public async Task Tokens_are_256_random_bits_with_a_recognisable_url_safe_prefix()
    {
        await using var host = await AccountsTestHost.StartAsync(TestDatabase.Sqlite);
        var secrets = host.Get<AccountSecrets>();

        var tokens = Enumerable.Range(0, 200).Select(_ => secrets.NewToken()).ToList();

        Assert.Equal(200, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, t => Assert.Matches("^icu_[A-Za-z0-9_-]{43}$", t));
        Assert.All(tokens, t => Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(t.AsSpan(4)).Length));
        Assert.All(tokens, t => Assert.True(AccountSecrets.HasTokenShape(t)));
    }

    // Both EF Core's commands and the plain ones of AccessReader, which reads the stamp and the token row.
    private static void Record(IServiceCollection services, DbCommandRecorder commands) =>
        services.AddSingleton<IInterceptor>(commands).AddSingleton<IAccessCommandObserver>(commands);

    private static IEnumerable<string> NearMisses(string token)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        foreach (var position in new[] { token.Length - 1, token.Length - 2, 4, 5, token.Length / 2 })
        {
            var replaced = alphabet[(alphabet.IndexOf(token[position], StringComparison.Ordinal) + 1) % alphabet.Length];
            yield return string.Concat(token.AsSpan(0, position), replaced.ToString(), token.AsSpan(position + 1));
            replaced = alphabet[(alphabet.IndexOf(token[position], StringComparison.Ordinal) + 7) % alphabet.Length];
            yield return string.Concat(token.AsSpan(0, position), replaced.ToString(), token.AsSpan(position + 1));
        }
    }

    private static int CommonPrefixBits(byte[] a, byte[] b)
    {
        var bits = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var diff = a[i] ^ b[i];
            if (diff == 0)
            {
                bits += 8;
                continue;
            }

            return bits + System.Numerics.BitOperations.LeadingZeroCount((uint)diff) - 24;
        }

        return bits;
    }
}
