using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using IcuSync.Workouts;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;

namespace IcuSync.Server.Tests.Intents.Settings;

/// <summary>The resources and prompts of the intents profile, read back through a real MCP client.</summary>
public sealed class ResourcesAndPromptsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string ProfileUri = "intervals-icu://athlete/profile";
    private const string SyntaxUri = "intervals-icu://docs/workout-syntax";

    private IcuSyncTestHost Host => fixture.Host;

    private SandboxStore Store => Host.Server.Sandbox!.Store;

    [Fact]
    public async Task The_intents_profile_lists_both_resources_with_their_mime_types()
    {
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var resources = await client.ListResourcesAsync();

        var profile = Assert.Single(resources, r => r.Uri == ProfileUri);
        var syntax = Assert.Single(resources, r => r.Uri == SyntaxUri);
        Assert.Equal("application/json", profile.MimeType);
        Assert.Equal("text/markdown", syntax.MimeType);
        Assert.False(string.IsNullOrWhiteSpace(profile.Description));
    }

    [Fact]
    public async Task The_profile_resource_is_the_target_athletes_profile_as_json()
    {
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var result = await client.ReadResourceAsync(ProfileUri);

        var contents = Assert.IsType<TextResourceContents>(Assert.Single(result.Contents));
        Assert.Equal(ProfileUri, contents.Uri);
        Assert.Equal("application/json", contents.MimeType);
        using var json = JsonDocument.Parse(contents.Text);
        var root = json.RootElement;
        var ride = Store.FindSportSettings(SandboxPrincipals.CyclistId, "Ride")!;
        Assert.Equal(SandboxPrincipals.CyclistId, root.At("context", "athlete_id").GetString());
        Assert.Equal("Ada Cyclist", root.At("overview", "name").GetString());
        var rideRow = root.GetProperty("thresholds").EnumerateArray().Single(t => t.GetProperty("sport_settings_id").GetInt64() == ride.Id);
        Assert.Equal(ride.Ftp, rideRow.GetProperty("ftp_w").GetInt32());
        Assert.Equal(ride.Lthr, rideRow.GetProperty("lthr_bpm").GetInt32());
        Assert.True(root.Has("zones"));
        Assert.True(root.At("metrics", "ctl").GetDouble() > 0);
        Assert.DoesNotContain("@", contents.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxPrincipals.CyclistApiKey, contents.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_profile_resource_follows_the_coachs_athlete_selection_like_the_tools()
    {
        await using var client = await Host.ConnectIntentsAsync("direct coach");

        (await client.CallToolAsync("select_athlete", Args(("athlete", "Cleo")))).Structured();
        var result = await client.ReadResourceAsync(ProfileUri);

        using var json = JsonDocument.Parse(Assert.IsType<TextResourceContents>(Assert.Single(result.Contents)).Text);
        Assert.Equal(SandboxPrincipals.TriathleteId, json.RootElement.At("context", "athlete_id").GetString());
        Assert.Equal("Cleo Triathlete", json.RootElement.At("overview", "name").GetString());
    }

    [Fact]
    public async Task The_profile_resource_checks_the_same_grant_as_manage_profile()
    {
        await using var client = await Host.ConnectIntentsAsync("invited coach");

        var refused = await Assert.ThrowsAnyAsync<McpException>(() => client.ReadResourceAsync(ProfileUri).AsTask());

        Assert.Contains("no 'get_athlete_profile' access to Ada Cyclist", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Coaches", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workout_syntax_resource_is_the_guide_with_its_checklist()
    {
        await using var client = await Host.ConnectIntentsAsync("Runner");

        var result = await client.ReadResourceAsync(SyntaxUri);

        var contents = Assert.IsType<TextResourceContents>(Assert.Single(result.Contents));
        Assert.Equal("text/markdown", contents.MimeType);
        Assert.Equal(WorkoutSyntaxGuide.Markdown, contents.Text);
        Assert.Contains("Checklist", contents.Text, StringComparison.Ordinal);
        Assert.Contains("#WEEK", contents.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_classic_profile_lists_no_resources_or_prompts_and_refuses_to_serve_them()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));

        var resources = await client.ListResourcesAsync();
        var prompts = await client.ListPromptsAsync();
        var read = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync(ProfileUri).AsTask());
        var get = await Assert.ThrowsAsync<McpProtocolException>(() => client.GetPromptAsync("weekly_plan").AsTask());

        Assert.Empty(resources);
        Assert.Empty(prompts);
        Assert.Contains("profile=intents", read.Message, StringComparison.Ordinal);
        Assert.Contains("profile=intents", get.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_four_prompts_are_listed_with_their_optional_arguments()
    {
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var prompts = await client.ListPromptsAsync();

        Assert.Equal(["analyse_last_workout", "recovery_check", "weekly_plan", "why_am_i_not_improving"], prompts.Select(p => p.Name).Order(StringComparer.Ordinal));
        var weekly = prompts.Single(p => p.Name == "weekly_plan").ProtocolPrompt;
        Assert.Equal(["focus", "max_hours"], weekly.Arguments!.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.All(weekly.Arguments!, a => Assert.NotEqual(true, a.Required));
        Assert.All(prompts, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
    }

    [Fact]
    public async Task Each_prompt_is_a_user_message_that_points_to_the_right_intents()
    {
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var weekly = Text(await client.GetPromptAsync("weekly_plan", new Dictionary<string, object?> { ["focus"] = "taper", ["max_hours"] = "7" }));
        var recovery = Text(await client.GetPromptAsync("recovery_check", new Dictionary<string, object?> { ["period_days"] = "10" }));
        var recoveryDefault = Text(await client.GetPromptAsync("recovery_check", new Dictionary<string, object?> { ["period_days"] = "90" }));
        var last = Text(await client.GetPromptAsync("analyse_last_workout"));
        var stuck = Text(await client.GetPromptAsync("why_am_i_not_improving", new Dictionary<string, object?> { ["period_weeks"] = "8" }));

        Assert.Contains("with a taper focus and at most 7 hours", weekly, StringComparison.Ordinal);
        Assert.Contains("manage_profile action=get", weekly, StringComparison.Ordinal);
        Assert.Contains("assess_recovery period_days=14", weekly, StringComparison.Ordinal);
        Assert.Contains("plan_training (dry run first", weekly, StringComparison.Ordinal);
        Assert.Contains("#WEEK", weekly, StringComparison.Ordinal);
        Assert.Contains("assess_recovery period_days=10", recovery, StringComparison.Ordinal);
        Assert.Contains("assess_recovery period_days=14", recoveryDefault, StringComparison.Ordinal);
        Assert.Contains("analyze_training target_type=single", last, StringComparison.Ordinal);
        Assert.Contains("analysis_type=detailed", last, StringComparison.Ordinal);
        Assert.Contains("track_progress period_weeks=8 hypothesis_mode=true", stuck, StringComparison.Ordinal);
        Assert.Contains("compare_periods", stuck, StringComparison.Ordinal);
    }

    private static string Text(GetPromptResult result)
    {
        var message = Assert.Single(result.Messages);
        Assert.Equal(Role.User, message.Role);
        return Assert.IsType<TextContentBlock>(message.Content).Text;
    }
}
