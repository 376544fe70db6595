using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;

namespace IcuSync.Server.Tests.Tools.Roster;

/// <summary>HR and pace curves are read through the same cache as power curves; a write for the athlete drops it.</summary>
public sealed class CurveCacheTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    [Theory]
    [InlineData("Ada Cyclist, athlete", SandboxPrincipals.CyclistId, "hr", "/hr-curves", 30)]
    [InlineData("Ben Runner, athlete", SandboxPrincipals.RunnerId, "pace", "/pace-curves", 31)]
    public async Task A_second_identical_best_efforts_call_is_served_from_the_cache(string who, string athleteId, string metric, string path, int days)
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl(who));
        var requests = Host.Server.Sandbox!.Requests;
        var today = Host.Server.Sandbox.Store.Today(athleteId);
        (string, object?)[] args = [("metric", metric), ("start_date", Iso(today.AddDays(-days))), ("end_date", Iso(today))];

        var before = requests.Count("GET", path);
        var first = (await client.CallAsync("get_best_efforts", args)).Structured();
        var afterFirst = requests.Count("GET", path);
        var second = (await client.CallAsync("get_best_efforts", args)).Structured();
        var afterSecond = requests.Count("GET", path);

        Assert.Equal(before + 1, afterFirst);
        Assert.Equal(afterFirst, afterSecond);
        Assert.Equal(first.GetProperty("efforts").GetRawText(), second.GetProperty("efforts").GetRawText());
    }

    [Fact]
    public async Task A_write_for_the_athlete_invalidates_the_cached_curves()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ben Runner, athlete"));
        var requests = Host.Server.Sandbox!.Requests;
        var store = Host.Server.Sandbox.Store;
        var today = store.Today(SandboxPrincipals.RunnerId);
        var day = today.AddDays(44);
        Assert.Empty(store.GetEvents(SandboxPrincipals.RunnerId, day, day));
        (string, object?)[] args = [("metric", "hr"), ("start_date", Iso(today.AddDays(-45))), ("end_date", Iso(today))];
        (string, object?)[] push = [("date", Iso(day)), ("name", "Easy run"), ("sport", "Run"), ("description", "- 40m Z2 HR")];

        await client.CallAsync("get_best_efforts", args);
        var cached = requests.Count("GET", "/hr-curves");
        var code = (await client.CallAsync("push_workout", push)).Structured().GetProperty("confirm").GetString();
        (await client.CallAsync("push_workout", [.. push, ("confirm", code)])).Structured();
        await client.CallAsync("get_best_efforts", args);

        Assert.Single(store.GetEvents(SandboxPrincipals.RunnerId, day, day));
        Assert.Equal(cached + 1, requests.Count("GET", "/hr-curves"));
    }
}
