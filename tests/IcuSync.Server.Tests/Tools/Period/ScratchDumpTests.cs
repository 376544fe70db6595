using System.Text.Json;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Tools.Period.PeriodTestKit;

namespace IcuSync.Server.Tests.Tools.Period;

public sealed class ScratchDumpTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Dump()
    {
        Directory.CreateDirectory("/tmp/period-examples");
        await using var client = await IcuSyncTestHost.ConnectAsync(fixture.Host.DemoUrl("Cyclist"));
        foreach (var (tool, args) in new (string, (string, object?)[])[]
        {
            ("get_training_summary", []),
            ("get_training_summary", [("period", "month")]),
            ("get_fitness", []),
            ("get_wellness", [("start_date", "2000-01-01"), ("end_date", "2000-01-03")]),
            ("get_wellness", []),
            ("get_events", []),
            ("get_events", [("category", "race"), ("end_date", "2099-01-01")]),
        })
        {
            var result = await CallAsync(client, tool, args);
            var name = tool + "_" + string.Join("_", args.Select(a => a.Item1));
            await File.WriteAllTextAsync($"/tmp/period-examples/{name}.json", JsonSerializer.Serialize(result.StructuredContent, new JsonSerializerOptions { WriteIndented = true }));
            await File.WriteAllTextAsync($"/tmp/period-examples/{name}.txt", result.Text());
        }

        var tools = await client.ListToolsAsync();
        await File.WriteAllTextAsync("/tmp/period-examples/tools.json", JsonSerializer.Serialize(tools.Where(t => t.Name is "get_fitness" or "get_events" or "get_wellness" or "get_training_summary").Select(t => t.ProtocolTool), new JsonSerializerOptions { WriteIndented = true }));
    }
}
