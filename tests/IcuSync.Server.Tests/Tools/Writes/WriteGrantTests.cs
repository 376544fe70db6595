using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Tools.Writes.WriteTestKit;

namespace IcuSync.Server.Tests.Tools.Writes;

/// <summary>Each write needs its own grant on the target athlete, checked on every call.</summary>
public sealed class WriteGrantTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task The_invited_coach_may_push_but_not_edit_or_delete_and_is_told_so()
    {
        var day = FreeDay(Host, 39);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("invited coach"));
        var tools = (await client.ListToolsAsync()).Select(t => t.Name).ToHashSet();
        Assert.Contains("push_workout", tools);
        Assert.DoesNotContain("edit_workout", tools);
        Assert.DoesNotContain("delete_workout", tools);

        var created = (await DryRunThenConfirmAsync(client, "push_workout", Push(day, "Coach tempo", "- 40m 85%"))).Structured();
        var id = created.At("event", "id").GetInt64();
        var edit = await client.CallToolAsync("edit_workout", new Dictionary<string, object?> { ["event_id"] = id, ["new_name"] = "Renamed" });
        var delete = await client.CallToolAsync("delete_workout", new Dictionary<string, object?> { ["event_id"] = id });

        Assert.True(edit.IsError);
        Assert.Contains("edit_workout", edit.Text(), StringComparison.Ordinal);
        Assert.True(delete.IsError);
        Assert.Contains("delete_workout", delete.Text(), StringComparison.Ordinal);
        var stored = Assert.Single(EventsOn(Host, day));
        Assert.Equal("Coach tempo", stored.Name);
    }

    [Fact]
    public async Task A_direct_coach_with_read_access_cannot_push_and_the_refusal_names_the_grant()
    {
        var store = Host.Server.Sandbox!.Store;
        var day = store.Today(SandboxPrincipals.RunnerId).AddDays(40);
        Assert.Empty(EventsOn(Host, day, SandboxPrincipals.RunnerId));
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("direct coach"));

        var result = await client.CallToolAsync("push_workout", Push(day, "Easy run", "- 40m Z2 HR", sport: "Run").With("athlete", "Ben Runner"));

        Assert.True(result.IsError);
        Assert.Contains("'push_workout'", result.Text(), StringComparison.Ordinal);
        Assert.Contains("Ben Runner", result.Text(), StringComparison.Ordinal);
        Assert.Empty(EventsOn(Host, day, SandboxPrincipals.RunnerId));
    }

    [Fact]
    public async Task A_direct_coach_with_write_access_pushes_with_the_athletes_own_thresholds()
    {
        var store = Host.Server.Sandbox!.Store;
        var day = store.Today(SandboxPrincipals.TriathleteId).AddDays(41);
        Assert.Empty(EventsOn(Host, day, SandboxPrincipals.TriathleteId));
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("direct coach"));
        var args = Push(day, "Threshold run", "Warmup\n- 2km Z1 Pace\n\nMain Set 3x\n- 1km 100% Pace\n- 2m Z1 HR\n\nCooldown\n- 2km Z1 Pace", sport: "Run")
            .With("athlete", "Cleo Triathlete");

        var preview = (await client.CallToolAsync("push_workout", args)).Structured();

        // 1 km at 100 % of a 3.57 m/s threshold pace takes 1000 / 3.57 = 280 s.
        Assert.Contains("threshold pace 4:40/km", preview.At("workout", "thresholds").GetString(), StringComparison.Ordinal);
        Assert.Equal(7, preview.At("workout", "distance_km").GetDouble(), 2);
        Assert.True(preview.At("workout", "duration_estimated").GetBoolean());
        var created = (await client.CallToolAsync("push_workout", args.With("confirm", preview.GetProperty("confirm").GetString()))).Structured();
        var stored = Assert.Single(EventsOn(Host, day, SandboxPrincipals.TriathleteId));
        Assert.Equal(stored.Id, created.At("event", "id").GetInt64());
        Assert.Equal("Run", stored.Type);
        Assert.NotEmpty(stored.WorkoutDoc!["steps"]!.AsArray());
    }
}
