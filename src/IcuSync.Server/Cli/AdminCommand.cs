using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using IcuSync.Server.Accounts;
using IcuSync.Server.Data;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Cli;

/// <summary>
/// <c>icusync admin …</c>: accounts, plans, Intervals.icu API keys, tokens and the audit log, as readable tables or
/// <c>--json</c>. Exit codes: 0 done, 1 refused (the message says why), 2 usage error.
/// </summary>
public static class AdminCommand
{
    public const string Usage = """
        Usage: icusync admin <command> [options] [--json]

          accounts list
          accounts show <account>
          accounts create --email <email> --name <name> [--athlete-id <id>] [--timezone <IANA id>] [--plan active|inactive]
          plan set <account> active|inactive
          credentials connect <account> --athlete-id <id> (--api-key <key> | --api-key-env <VARIABLE>)
          credentials disconnect <account>
          direct-coach <account> on|off
          invites list <account>
          tokens list [<account>]
          tokens issue <account> [--kind athlete|direct-coach]
          tokens regenerate <account> [--kind athlete|direct-coach]
          tokens revoke <token-id>
          audit [--take <n>] [--account <account>]

        <account> is an account id, its email, or its Intervals.icu athlete id (e.g. i1001).
        --json prints machine-readable output. Prefer --api-key-env over --api-key: arguments show up in process lists.
        """;

    private static readonly HashSet<string> ValueOptions = new(StringComparer.Ordinal)
    {
        "--email", "--name", "--athlete-id", "--timezone", "--plan", "--api-key", "--api-key-env", "--kind", "--take", "--account",
    };

    /// <summary>Runs the admin command for the arguments after <c>icusync admin</c>. Applies pending migrations first.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (!TryParse(args, out var parsed, out var parseError))
        {
            await stderr.WriteLineAsync($"error: {parseError}");
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        if (parsed.Positional.Count == 0 || parsed.Positional[0] is "help" or "--help" or "-h")
        {
            await (parsed.Positional.Count == 0 ? stderr : stdout).WriteLineAsync(Usage);
            return parsed.Positional.Count == 0 ? 2 : 0;
        }

        try
        {
            await services.MigrateIcuSyncDatabaseAsync(ct);
            var context = new Context(services, parsed, stdout, stderr, ct);
            return await DispatchAsync(context);
        }
        catch (OptionsValidationException error)
        {
            foreach (var failure in error.Failures)
            {
                await stderr.WriteLineAsync($"error: configuration: {failure}");
            }

            return 1;
        }
    }

    private static Task<int> DispatchAsync(Context c) => (c.Arg(0), c.Arg(1)) switch
    {
        ("accounts", "list") => AccountsListAsync(c),
        ("accounts", "show") => AccountsShowAsync(c),
        ("accounts", "create") => AccountsCreateAsync(c),
        ("plan", "set") => PlanSetAsync(c),
        ("credentials", "connect") => CredentialsConnectAsync(c),
        ("credentials", "disconnect") => CredentialsDisconnectAsync(c),
        ("direct-coach", _) => DirectCoachAsync(c),
        ("invites", "list") => InvitesListAsync(c),
        ("tokens", "list") => TokensListAsync(c),
        ("tokens", "issue") => TokensIssueAsync(c, regenerate: false),
        ("tokens", "regenerate") => TokensIssueAsync(c, regenerate: true),
        ("tokens", "revoke") => TokensRevokeAsync(c),
        ("audit", _) => AuditAsync(c),
        _ => c.UsageErrorAsync($"unknown command '{string.Join(' ', c.Parsed.Positional.Take(2))}'."),
    };

    private static async Task<int> AccountsListAsync(Context c)
    {
        var accounts = await c.Get<AthleteAccountService>().ListAsync(c.Ct);
        return await c.OutputAsync(accounts.ToList(), AdminJson.Default.ListAccountSummary, AccountTable(accounts));
    }

    private static async Task<int> AccountsShowAsync(Context c)
    {
        var account = await c.FindAccountAsync(c.Arg(2));
        return account is null ? await c.NotFoundAsync() : await c.OutputAsync(account, AdminJson.Default.AccountSummary, AccountTable([account]));
    }

    private static async Task<int> AccountsCreateAsync(Context c)
    {
        if (c.Option("--email") is not { } email || c.Option("--name") is not { } name)
        {
            return await c.UsageErrorAsync("accounts create needs --email and --name.");
        }

        var plan = PlanStatus.Inactive;
        if (c.Option("--plan") is { } planText && !TryParsePlan(planText, out plan))
        {
            return await c.UsageErrorAsync($"--plan '{planText}' is not a plan. Use 'active' or 'inactive'.");
        }

        var result = await c.Get<AthleteAccountService>().CreateAsync(
            new NewAthleteAccount(email, name, c.Option("--athlete-id"), c.Option("--timezone"), plan), Actors.Admin, c.Ct);
        return await c.ResultAsync(result, AdminJson.Default.AccountSummary, a => AccountTable([a]));
    }

    private static async Task<int> PlanSetAsync(Context c)
    {
        if (!TryParsePlan(c.Arg(3), out var plan))
        {
            return await c.UsageErrorAsync($"plan set needs <account> and 'active' or 'inactive' (got '{c.Arg(3)}').");
        }

        var account = await c.FindAccountAsync(c.Arg(2));
        if (account is null)
        {
            return await c.NotFoundAsync();
        }

        var result = await c.Get<AthleteAccountService>().SetPlanAsync(account.Id, plan, Actors.Admin, c.Ct);
        return await c.ResultAsync(result, AdminJson.Default.AccountSummary, a => AccountTable([a]));
    }

    private static async Task<int> CredentialsConnectAsync(Context c)
    {
        var key = c.Option("--api-key");
        if (c.Option("--api-key-env") is { } variable)
        {
            key = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(key))
            {
                return await c.UsageErrorAsync($"--api-key-env names '{variable}', but that environment variable is empty or not set.");
            }
        }

        if (key is null || c.Option("--athlete-id") is not { } athleteId)
        {
            return await c.UsageErrorAsync("credentials connect needs <account>, --athlete-id and --api-key (or --api-key-env).");
        }

        var account = await c.FindAccountAsync(c.Arg(2));
        if (account is null)
        {
            return await c.NotFoundAsync();
        }

        var result = await c.Get<AthleteAccountService>().ConnectApiKeyAsync(account.Id, athleteId, key, Actors.Admin, c.Ct);
        return await c.ResultAsync(result, AdminJson.Default.AccountSummary, a => AccountTable([a]));
    }

    private static async Task<int> CredentialsDisconnectAsync(Context c)
    {
        var account = await c.FindAccountAsync(c.Arg(2));
        if (account is null)
        {
            return await c.NotFoundAsync();
        }

        var result = await c.Get<AthleteAccountService>().DisconnectIntervalsAsync(account.Id, Actors.Admin, c.Ct);
        return await c.ResultAsync(result, AdminJson.Default.AccountSummary, a => AccountTable([a]));
    }

    private static async Task<int> DirectCoachAsync(Context c)
    {
        if (c.Arg(2) is not ("on" or "off"))
        {
            return await c.UsageErrorAsync($"direct-coach needs <account> and 'on' or 'off' (got '{c.Arg(2)}').");
        }

        var account = await c.FindAccountAsync(c.Arg(1));
        if (account is null)
        {
            return await c.NotFoundAsync();
        }

        var result = await c.Get<AthleteAccountService>().SetDirectCoachAsync(account.Id, c.Arg(2) == "on", Actors.Admin, c.Ct);
        return await c.ResultAsync(result, AdminJson.Default.AccountSummary, a => AccountTable([a]));
    }

    private static async Task<int> InvitesListAsync(Context c)
    {
        var account = await c.FindAccountAsync(c.Arg(2));
        if (account is null)
        {
            return await c.NotFoundAsync();
        }

        var invites = await c.Get<CoachInviteService>().ListAsync(account.Id, c.Ct);
        var table = new Table("INVITE", "COACH EMAIL", "OWN", "TOOLS", "UPDATED");
        foreach (var i in invites)
        {
            table.Add(i.InviteId.ToString(), i.CoachEmail, i.IsOwnCoachEmail ? "yes" : "no", string.Join(',', i.Tools.Order(StringComparer.Ordinal)), Time(i.UpdatedAt));
        }

        return await c.OutputAsync(invites.ToList(), AdminJson.Default.ListInviteSummary, table);
    }

    private static async Task<int> TokensListAsync(Context c)
    {
        Guid? accountId = null;
        if (c.Arg(2).Length > 0)
        {
            var account = await c.FindAccountAsync(c.Arg(2));
            if (account is null)
            {
                return await c.NotFoundAsync();
            }

            accountId = account.Id;
        }

        var tokens = await c.Get<McpTokenService>().ListAsync(accountId, null, c.Ct);
        var table = new Table("TOKEN", "KIND", "OWNER", "CREATED", "LAST USED", "REVOKED", "SELECTED");
        foreach (var t in tokens)
        {
            table.Add(t.TokenId.ToString(), t.Kind.ToString(), (t.AthleteAccountId ?? t.InvitedCoachId)?.ToString() ?? "", Time(t.CreatedAt), Time(t.LastUsedAt), Time(t.RevokedAt), t.SelectedAthleteId ?? "");
        }

        return await c.OutputAsync(tokens.ToList(), AdminJson.Default.ListTokenSummary, table);
    }

    private static async Task<int> TokensIssueAsync(Context c, bool regenerate)
    {
        var kindText = c.Option("--kind") ?? "athlete";
        if (kindText is not ("athlete" or "direct-coach"))
        {
            return await c.UsageErrorAsync($"--kind '{kindText}' is not a token kind. Use 'athlete' or 'direct-coach' (invited coaches get theirs by invite).");
        }

        var account = await c.FindAccountAsync(c.Arg(2));
        if (account is null)
        {
            return await c.NotFoundAsync();
        }

        var owner = kindText == "athlete" ? TokenOwner.Athlete(account.Id) : TokenOwner.DirectCoach(account.Id);
        var tokens = c.Get<McpTokenService>();
        var result = regenerate
            ? await tokens.RegenerateAsync(owner, Actors.Admin, c.Ct)
            : await tokens.IssueAsync(owner, Actors.Admin, c.Ct);
        return await c.ResultAsync(result, AdminJson.Default.IssuedToken, t =>
        {
            var table = new Table("TOKEN", "KIND", "MCP URL");
            table.Add(t.TokenId.ToString(), t.Kind.ToString(), t.McpUrl);
            return table;
        });
    }

    private static async Task<int> TokensRevokeAsync(Context c)
    {
        if (!Guid.TryParse(c.Arg(2), out var tokenId))
        {
            return await c.UsageErrorAsync($"tokens revoke needs a token id (a GUID from 'tokens list'), got '{c.Arg(2)}'.");
        }

        var result = await c.Get<McpTokenService>().RevokeAsync(tokenId, Actors.Admin, c.Ct);
        return await c.ResultAsync(result, AdminJson.Default.TokenSummary, t =>
        {
            var table = new Table("TOKEN", "KIND", "REVOKED");
            table.Add(t.TokenId.ToString(), t.Kind.ToString(), Time(t.RevokedAt));
            return table;
        });
    }

    private static async Task<int> AuditAsync(Context c)
    {
        var take = 50;
        if (c.Option("--take") is { } takeText && (!int.TryParse(takeText, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take < 1))
        {
            return await c.UsageErrorAsync($"--take '{takeText}' must be a positive whole number.");
        }

        Guid? accountId = null;
        if (c.Option("--account") is { } reference)
        {
            var account = await c.FindAccountAsync(reference);
            if (account is null)
            {
                return await c.NotFoundAsync();
            }

            accountId = account.Id;
        }

        var entries = await c.Get<AuditLog>().ListAsync(take, accountId, null, c.Ct);
        var table = new Table("AT", "EVENT", "ACTOR", "ACCOUNT", "COACH", "TOKEN", "DETAIL");
        foreach (var e in entries)
        {
            table.Add(Time(e.At), e.Event, e.Actor, e.AthleteAccountId?.ToString() ?? "", e.InvitedCoachId?.ToString() ?? "", e.TokenId?.ToString() ?? "", e.Detail ?? "");
        }

        return await c.OutputAsync(entries.ToList(), AdminJson.Default.ListAuditRecord, table);
    }

    private static Table AccountTable(IEnumerable<AccountSummary> accounts)
    {
        var table = new Table("ID", "EMAIL", "NAME", "ATHLETE", "CREDENTIAL", "PLAN", "DIRECT COACH", "CREATED");
        foreach (var a in accounts)
        {
            table.Add(a.Id.ToString(), a.Email, a.Name, a.IntervalsAthleteId ?? "", a.CredentialKind.ToString(), a.Plan.ToString(), a.DirectCoach ? "on" : "off", Time(a.CreatedAt));
        }

        return table;
    }

    private static bool TryParsePlan(string text, out PlanStatus plan)
    {
        plan = text.ToLowerInvariant() switch
        {
            "active" => PlanStatus.Active,
            "inactive" => PlanStatus.Inactive,
            _ => (PlanStatus)(-1),
        };
        return Enum.IsDefined(plan);
    }

    private static string Time(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    private static bool TryParse(IReadOnlyList<string> args, out ParsedArgs parsed, out string error)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var json = false;
        error = "";
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--json")
            {
                json = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg != "--help")
            {
                var name = arg;
                string? value = null;
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    name = arg[..eq];
                    value = arg[(eq + 1)..];
                }

                if (!ValueOptions.Contains(name))
                {
                    error = $"unknown option '{name}'.";
                    parsed = default!;
                    return false;
                }

                if (value is null)
                {
                    if (i + 1 >= args.Count)
                    {
                        error = $"option '{name}' needs a value.";
                        parsed = default!;
                        return false;
                    }

                    value = args[++i];
                }

                options[name] = value;
            }
            else
            {
                positional.Add(arg);
            }
        }

        parsed = new ParsedArgs(positional, options, json);
        return true;
    }

    private sealed record ParsedArgs(List<string> Positional, Dictionary<string, string> Options, bool Json);

    private sealed class Context(IServiceProvider services, ParsedArgs parsed, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        public ParsedArgs Parsed => parsed;

        public CancellationToken Ct => ct;

        public string Arg(int index) => index < parsed.Positional.Count ? parsed.Positional[index] : "";

        public string? Option(string name) => parsed.Options.GetValueOrDefault(name);

        public T Get<T>()
            where T : notnull => services.GetRequiredService<T>();

        public Task<AccountSummary?> FindAccountAsync(string reference) =>
            string.IsNullOrWhiteSpace(reference) ? Task.FromResult<AccountSummary?>(null) : Get<AthleteAccountService>().FindAsync(reference, ct);

        public async Task<int> UsageErrorAsync(string message)
        {
            await stderr.WriteLineAsync($"error: {message}");
            await stderr.WriteLineAsync("Run 'icusync admin help' for the list of commands.");
            return 2;
        }

        public async Task<int> NotFoundAsync()
        {
            await stderr.WriteLineAsync("error: no such account. Use an account id, email or Intervals.icu athlete id from 'icusync admin accounts list'.");
            return 1;
        }

        public async Task<int> OutputAsync<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, Table table)
        {
            await stdout.WriteLineAsync(parsed.Json ? JsonSerializer.Serialize(value, info) : table.ToString());
            return 0;
        }

        public async Task<int> ResultAsync<T>(AccountResult<T> result, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, Func<T, Table> table)
        {
            if (result.Succeeded)
            {
                return await OutputAsync(result.Value, info, table(result.Value));
            }

            await stderr.WriteLineAsync(parsed.Json
                ? JsonSerializer.Serialize(result.Error, AdminJson.Default.AccountError)
                : $"error: {result.Error.Message} (field: {result.Error.Field}, code: {result.Error.Code})");
            return 1;
        }
    }

    private sealed class Table(params string[] headers)
    {
        private readonly List<string[]> rows = [];

        public void Add(params string[] cells) => rows.Add(cells);

        public override string ToString()
        {
            if (rows.Count == 0)
            {
                return "(none)";
            }

            var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
            var lines = new List<string> { Line(headers, widths) };
            lines.AddRange(rows.Select(r => Line(r, widths)));
            return string.Join(Environment.NewLine, lines);
        }

        private static string Line(string[] cells, int[] widths) =>
            string.Join("  ", cells.Select((cell, i) => i == cells.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd();
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<AccountSummary>))]
[JsonSerializable(typeof(AccountSummary))]
[JsonSerializable(typeof(List<InviteSummary>))]
[JsonSerializable(typeof(List<TokenSummary>))]
[JsonSerializable(typeof(TokenSummary))]
[JsonSerializable(typeof(IssuedToken))]
[JsonSerializable(typeof(List<AuditRecord>))]
[JsonSerializable(typeof(AccountError))]
internal sealed partial class AdminJson : JsonSerializerContext;
