using System.Text.Json;
using IcuSync.Server.Accounts;
using IcuSync.Server.Cli;
using IcuSync.Server.Tests.Data;

namespace IcuSync.Server.Tests.Accounts;

public sealed class AdminCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Accounts_are_created_listed_and_shown_as_tables_or_json(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);

        var created = await RunAsync(host, "accounts", "create", "--email", "Ada@Example.com", "--name", "Ada Cyclist", "--athlete-id", "i1001", "--timezone", "Europe/London", "--plan", "active");
        var table = await RunAsync(host, "accounts", "list");
        var json = await RunAsync(host, "accounts", "list", "--json");
        var shown = await RunAsync(host, "accounts", "show", "i1001", "--json");

        Assert.Equal(0, created.Code);
        Assert.Contains("ada@example.com", created.Out, StringComparison.Ordinal);
        Assert.Equal(0, table.Code);
        var lines = table.Out.Trim().Split('\n');
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        Assert.Contains("EMAIL", lines[0], StringComparison.Ordinal);
        Assert.Contains("Ada Cyclist", lines[1], StringComparison.Ordinal);
        Assert.Contains("Active", lines[1], StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        var account = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal("ada@example.com", account.GetProperty("email").GetString());
        Assert.Equal("Active", account.GetProperty("plan").GetString());
        Assert.Equal("i1001", account.GetProperty("intervalsAthleteId").GetString());
        Assert.Equal("Europe/London", JsonDocument.Parse(shown.Out).RootElement.GetProperty("timeZone").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Plan_api_key_and_tokens_are_managed_from_the_command_line(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        await RunAsync(host, "accounts", "create", "--email", "ada@example.com", "--name", "Ada Cyclist");
        Environment.SetEnvironmentVariable("ICUSYNC_TEST_ADMIN_KEY", "admin-secret-key");

        var plan = await RunAsync(host, "plan", "set", "ada@example.com", "active");
        var connect = await RunAsync(host, "credentials", "connect", "ada@example.com", "--athlete-id", "i1001", "--api-key-env", "ICUSYNC_TEST_ADMIN_KEY");
        var issued = await RunAsync(host, "tokens", "issue", "i1001", "--json");
        var url = JsonDocument.Parse(issued.Out).RootElement.GetProperty("mcpUrl").GetString()!;
        var principal = await host.ResolveAsync(AccountsTestHost.TokenFromUrl(url));
        var listed = await RunAsync(host, "tokens", "list", "i1001");
        var revoked = await RunAsync(host, "tokens", "revoke", principal!.TokenId.ToString());
        var audit = await RunAsync(host, "audit", "--account", "i1001", "--json");

        Assert.Equal((0, 0, 0, 0, 0), (plan.Code, connect.Code, issued.Code, listed.Code, revoked.Code));
        Assert.Contains("Active", plan.Out, StringComparison.Ordinal);
        Assert.Contains("ApiKey", connect.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("admin-secret-key", connect.Out + connect.Err, StringComparison.Ordinal);
        Assert.Equal(["i1001"], principal.Athletes.Select(a => a.AthleteId));
        Assert.Contains(principal.TokenId.ToString(), listed.Out, StringComparison.Ordinal);
        Assert.Null(await host.ResolveAsync(AccountsTestHost.TokenFromUrl(url)));
        var events = JsonDocument.Parse(audit.Out).RootElement.EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal([AuditEvents.TokenRevoked, AuditEvents.TokenIssued, AuditEvents.CredentialConnected, AuditEvents.PlanChanged, AuditEvents.AccountCreated], events);
        Assert.DoesNotContain("admin-secret-key", audit.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Direct_coach_mode_and_its_token_are_set_from_the_command_line()
    {
        await using var host = await AccountsTestHost.StartAsync(TestDatabase.Sqlite);
        await host.CreateAthleteAsync("Dana Coach", "i2001");

        var on = await RunAsync(host, "direct-coach", "i2001", "on");
        var token = await RunAsync(host, "tokens", "issue", "i2001", "--kind", "direct-coach");
        var again = await RunAsync(host, "tokens", "issue", "i2001", "--kind", "direct-coach");
        var regenerated = await RunAsync(host, "tokens", "regenerate", "i2001", "--kind", "direct-coach");

        Assert.Equal(0, on.Code);
        Assert.Contains("on", on.Out, StringComparison.Ordinal);
        Assert.Equal(0, token.Code);
        Assert.Contains("https://icusync.test/mcp/icu_", token.Out, StringComparison.Ordinal);
        Assert.Equal(1, again.Code);
        Assert.Contains("token_already_issued", again.Err, StringComparison.Ordinal);
        Assert.Equal(0, regenerated.Code);
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, 2, "unknown command 'frobnicate'")]
    [InlineData(new[] { "accounts", "create", "--name", "X" }, 2, "needs --email and --name")]
    [InlineData(new[] { "accounts", "create", "--email", "bad", "--name", "X" }, 1, "not a valid email address")]
    [InlineData(new[] { "accounts", "create", "--email", "x@example.com", "--name", "X", "--plan", "gold" }, 2, "--plan 'gold' is not a plan")]
    [InlineData(new[] { "accounts", "list", "--colour" }, 2, "unknown option '--colour'")]
    [InlineData(new[] { "plan", "set", "nobody@example.com", "active" }, 1, "no such account")]
    [InlineData(new[] { "tokens", "revoke", "not-a-guid" }, 2, "needs a token id")]
    [InlineData(new[] { "tokens", "revoke", "6f1c1f4e-2a53-4a55-9d3c-111111111111" }, 1, "No token has that id")]
    [InlineData(new[] { "audit", "--take", "-3" }, 2, "--take '-3' must be a positive whole number")]
    [InlineData(new[] { "credentials", "connect", "x@example.com", "--athlete-id", "i1" }, 2, "needs <account>, --athlete-id and --api-key")]
    [InlineData(new[] { "accounts", "create", "--email" }, 2, "option '--email' needs a value")]
    public async Task Bad_input_gets_an_actionable_error_without_a_stack_trace_and_writes_nothing(string[] args, int code, string message)
    {
        await using var host = await AccountsTestHost.StartAsync(TestDatabase.Sqlite);

        var result = await RunAsync(host, args);

        Assert.Equal(code, result.Code);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.Empty(await host.Get<AthleteAccountService>().ListAsync(host.Ct));
        Assert.Empty(await host.Get<AuditLog>().ListAsync(10, null, null, host.Ct));
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        await using var host = await AccountsTestHost.StartAsync(TestDatabase.Sqlite);

        var help = await RunAsync(host, "help");
        var none = await RunAsync(host);

        Assert.Equal(0, help.Code);
        foreach (var command in new[] { "accounts list", "accounts create", "plan set", "credentials connect", "tokens issue", "tokens revoke", "audit" })
        {
            Assert.Contains(command, help.Out, StringComparison.Ordinal);
        }

        Assert.Equal(2, none.Code);
        Assert.Contains("Usage: icusync admin", none.Err, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(AccountsTestHost host, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await AdminCommand.RunAsync(host.Services, args, stdout, stderr, host.Ct);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
