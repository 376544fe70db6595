using System.Text.Json;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Tools.Writes.WriteTestKit;

namespace IcuSync.Server.Tests.Tools.Writes;

public sealed class ScratchDocExamples(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Print()
    {
        var host = fixture.Host;
        var day = FreeDay(host, 24);
        await using var client = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("Ada Cyclist, athlete"));
        var args = Push(day, "Threshold 3x8", ThresholdRide).With("duration", "1:00");
        var dry = await client.CallToolAsync("push_workout", args);
        var o = new List<string> { "PUSH DRY", JsonSerializer.Serialize(dry.StructuredContent), dry.Text() };
        var done = await client.CallToolAsync("push_workout", args.With("confirm", dry.ConfirmCode()));
        o.AddRange(["PUSH DONE", JsonSerializer.Serialize(done.StructuredContent), done.Text()]);
        var id = done.Structured().Property("event", "id").GetInt64();
        var e = new Dictionary<string, object?> { ["event_id"] = id, ["new_name"] = "Threshold 3x10", ["new_description"] = "Warmup\n- 10m ramp 50%-75%\n\nMain Set 3x\n- 10m 95-100%\n- 4m 55%\n\nCooldown\n- 10m 50%" };
        var ed = await client.CallToolAsync("edit_workout", e);
        o.AddRange(["EDIT DRY", JsonSerializer.Serialize(ed.StructuredContent), ed.Text()]);
        var edd = await client.CallToolAsync("edit_workout", e.With("confirm", ed.ConfirmCode()));
        o.AddRange(["EDIT DONE", JsonSerializer.Serialize(edd.StructuredContent), edd.Text()]);
        var d = new Dictionary<string, object?> { ["date"] = Day(day), ["name_contains"] = "threshold" };
        var dd = await client.CallToolAsync("delete_workout", d);
        o.AddRange(["DEL DRY", JsonSerializer.Serialize(dd.StructuredContent), dd.Text()]);
        var ddd = await client.CallToolAsync("delete_workout", d.With("confirm", dd.ConfirmCode()));
        o.AddRange(["DEL DONE", JsonSerializer.Serialize(ddd.StructuredContent), ddd.Text()]);
        var tools = await client.ListToolsAsync();
        o.Add("SCHEMA " + JsonSerializer.Serialize(tools.First(t => t.Name == "push_workout").ProtocolTool.InputSchema));
        File.WriteAllLines("/tmp/icusync-writes-examples.txt", o);
    }
}
