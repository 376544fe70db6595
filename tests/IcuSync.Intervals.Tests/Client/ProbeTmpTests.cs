using System.Text.Json;
namespace IcuSync.Intervals.Tests.Client;

public sealed class ProbeTmpTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Probe()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = h.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("API_KEY:" + IcuSync.Sandbox.SandboxPrincipals.CyclistApiKey)));
        var raw = await http.GetByteArrayAsync($"api/v1/athlete/0/activities?oldest={SandboxHarness.Today.AddDays(-27):yyyy-MM-dd}&newest={SandboxHarness.Today:yyyy-MM-dd}");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        List<ActivityDto>? list = null;
        for (var i = 0; i < 200; i++) list = JsonSerializer.Deserialize(raw, IntervalsJsonContext.Default.ListActivityDto);
        var per = sw.Elapsed.TotalMilliseconds / 200;
        var wire = JsonSerializer.SerializeToUtf8Bytes(list!, IntervalsJsonContext.Wire.ListActivityDto).Length;
        var compact = JsonSerializer.SerializeToUtf8Bytes(list!, IntervalsJsonContext.Default.ListActivityDto).Length;
        output.WriteLine($"28 days: {list!.Count} activities, raw {raw.Length} B ({raw.Length / list.Count} B/activity), wire re-serialized {wire} B, nulls dropped {compact} B, deserialize {per:0.00} ms");
        var s = await http.GetByteArrayAsync($"api/v1/activity/{list.First(a => !a.IsStravaStub).Id}/streams.json");
        sw.Restart();
        for (var i = 0; i < 50; i++) JsonSerializer.Deserialize(s, IntervalsJsonContext.Default.ListActivityStreamDto);
        output.WriteLine($"streams: {s.Length} B, deserialize {sw.Elapsed.TotalMilliseconds / 50:0.00} ms");
    }
}
