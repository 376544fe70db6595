using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.GrantKit;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;

namespace IcuSync.Server.Tests.Intents.Read;

/// <summary>The read intents on the intents profile: the tool list they advertise and the grants they check on every call.</summary>
public sealed class ReadIntentGrantTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly string[] ReadIntents = ["analyze_training", "compare_periods", "assess_recovery", "track_progress", "analyze_race"];

    private static readonly Dictionary<string, string[]> Parameters = new(StringComparer.Ordinal)
    {
        ["analyze_training"] = ["target_type", "period_start", "period_end", "date", "activity_id", "description_contains", "analysis_type", "athlete"],
        ["compare_periods"] = ["period_a_start", "period_a_end", "period_b_start", "period_b_end", "athlete"],
        ["assess_recovery"] = ["period_days", "athlete"],
        ["track_progress"] = ["period_weeks", "hypothesis_mode", "athlete"],
        ["analyze_race"] = ["date", "description_contains", "compare_to_planned", "athlete"],
    };

    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task The_intents_profile_lists_the_five_read_intents_with_exact_parameters_and_compact_descriptions()
    {
        await using var intents = await Host.ConnectIntentsAsync("Cyclist");
        var tools = await intents.ListToolsAsync();
        var total = 0;
        var sizes = new List<string>();
        foreach (var name in ReadIntents)
        {
            var tool = tools.Single(t => t.Name == name).ProtocolTool;
            Assert.True(tool.Description!.Length < 1200, $"{name}: {tool.Description.Length} characters");
            Assert.True(tool.Annotations?.ReadOnlyHint == true, $"{name} is read-only");
            Assert.True(tool.Annotations?.DestructiveHint == false, $"{name} is not destructive");
            var properties = tool.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(Parameters[name], properties);
            Assert.All(tool.InputSchema.GetProperty("properties").EnumerateObject(), p => Assert.True(p.Value.TryGetProperty("description", out _), $"{name}.{p.Name} has no description"));
            var bytes = JsonSerializer.SerializeToUtf8Bytes(tool, ModelContextProtocol.McpJsonUtilities.DefaultOptions).Length;
            sizes.Add($"{name} {bytes}");
            total += bytes;
        }

        // Five of the nine intents share a 12 KB tools/list: these stay within their five-ninths.
        Assert.True(total < 12 * 1024 * 5 / 9, $"the five read intents take {total} bytes of tools/list: {string.Join(", ", sizes)}");

        await using var classic = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var classicTools = (await classic.ListToolsAsync()).Select(t => t.Name).ToList();
        Assert.DoesNotContain(classicTools, ReadIntents.Contains);
        var refused = await classic.CallAsync("analyze_training", ("target_type", "period"));
        Assert.True(refused.IsError);
        Assert.Contains("?profile=intents", refused.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invited_coach_without_the_base_grant_is_refused_per_athlete_and_allowed_where_granted()
    {
        // Ada grants only the training history; Ben grants everything the read intents read. One coach, one token.
        var url = await InviteAsync(Host, "read-intents-coach@example.com",
            ("ada@sandbox.icusync.local", ["get_training_history"]),
            ("ben@sandbox.icusync.local", ["get_training_history", "get_training_summary", "get_wellness", "get_fitness", "get_activity_detail", "get_events"]));
        await using var client = await ConnectIntentsUrlAsync(url);
        var listed = (await client.ListToolsAsync()).Select(t => t.Name).ToList();
        Assert.All(ReadIntents, name => Assert.Contains(name, listed));

        var refusals = new (string Tool, string Grant, (string, object?)[] Args)[]
        {
            ("compare_periods", "get_training_summary", [("period_a_start", "2026-01-01"), ("period_a_end", "2026-01-31"), ("period_b_start", "2025-12-01"), ("period_b_end", "2025-12-31")]),
            ("assess_recovery", "get_wellness", []),
            ("track_progress", "get_fitness", []),
            ("analyze_race", "get_activity_detail", []),
            ("analyze_training", "get_activity_detail", [("target_type", "single"), ("date", "2026-01-10")]),
        };
        foreach (var (tool, grant, args) in refusals)
        {
            var refused = await client.CallAsync(tool, [.. args, ("athlete", "Ada Cyclist")]);
            Assert.True(refused.IsError, $"{tool} should be refused for Ada: {refused.Text()}");
            Assert.Contains($"'{grant}'", refused.Text(), StringComparison.Ordinal);
            Assert.Contains("Ada Cyclist", refused.Text(), StringComparison.Ordinal);
            Assert.Contains("can grant", refused.Text(), StringComparison.Ordinal);
        }

        // The base grant of a period analysis is the training history: allowed, but the calendar needs get_events.
        var period = (await client.CallAsync("analyze_training", ("target_type", "period"), ("athlete", "Ada Cyclist"))).Structured();
        Assert.Equal(SandboxPrincipals.CyclistId, period.GetProperty("context").GetProperty("athlete_id").GetString());
        Assert.Null(period.GetProperty("period").Optional("calendar"));
        Assert.Contains("get_events", period.GetProperty("period").UnavailableByMetric()["calendar"], StringComparison.Ordinal);
        var streams = (await client.CallAsync("analyze_training", ("target_type", "period"), ("analysis_type", "streams"), ("athlete", "Ada Cyclist"))).Structured();
        Assert.Contains("get_activity_detail", streams.GetProperty("period").UnavailableByMetric()["key_session_streams"], StringComparison.Ordinal);

        foreach (var tool in new[] { "assess_recovery", "track_progress", "analyze_race" })
        {
            var allowed = (await client.CallAsync(tool, ("athlete", "Ben Runner"))).Structured();
            Assert.Equal(SandboxPrincipals.RunnerId, allowed.GetProperty("context").GetProperty("athlete_id").GetString());
        }

        var benPeriod = (await client.CallAsync("analyze_training", ("target_type", "period"), ("athlete", "Ben Runner"))).Structured();
        Assert.True(benPeriod.GetProperty("period").TryGetProperty("calendar", out _));
    }

    [Fact]
    public async Task A_coach_with_none_of_the_grants_does_not_see_the_read_intents()
    {
        var url = await InviteAsync(Host, "profile-only@example.com", ("cleo@sandbox.icusync.local", ["get_athlete_profile"]));
        await using var client = await ConnectIntentsUrlAsync(url);

        var listed = (await client.ListToolsAsync()).Select(t => t.Name).ToList();
        Assert.DoesNotContain(listed, ReadIntents.Contains);
        var refused = await client.CallAsync("assess_recovery");
        Assert.True(refused.IsError);
        Assert.Contains("not available on this connection", refused.Text(), StringComparison.Ordinal);
    }
}
