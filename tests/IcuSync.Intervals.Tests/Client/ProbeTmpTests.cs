using System.Text.Json;
using IcuSync.Intervals.Tests.Contract;
namespace IcuSync.Intervals.Tests.Client;

public sealed class ProbeTmpTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Probe()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = h.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("API_KEY:" + IcuSync.Sandbox.SandboxPrincipals.CyclistApiKey)));
        var acts = await h.Client.ListActivitiesAsync(SandboxHarness.Cyclist, "0", SandboxHarness.Today.AddDays(-10), SandboxHarness.Today);
        var ride = acts.First(a => !a.IsStravaStub && a.Type == "Ride");
        var ev = (await h.Client.ListEventsAsync(SandboxHarness.Cyclist, "0", SandboxHarness.Today, SandboxHarness.Today.AddDays(6)))[0];
        var w = (await h.Client.ListWorkoutsAsync(SandboxHarness.Cyclist, "0"))[0];
        var probes = new (string Url, string Schema, bool Array)[]
        {
            ("api/v1/athlete/0", "WithSportSettings", false),
            ("api/v1/athletes", "AthleteWithTags", true),
            ("api/v1/athlete/0/sport-settings", "SportSettings", true),
            ($"api/v1/athlete/0/activities?oldest={SandboxHarness.Today.AddDays(-10):yyyy-MM-dd}", "Activity", true),
            ($"api/v1/activity/{ride.Id}?intervals=true", "ActivityWithIntervals", false),
            ($"api/v1/activity/{ride.Id}/intervals", "IntervalsDTO", false),
            ($"api/v1/activity/{ride.Id}/streams.json?types=watts,latlng", "ActivityStream", true),
            ($"api/v1/activity/{ride.Id}/best-efforts?stream=watts&duration=60", "BestEfforts", false),
            ($"api/v1/activity/{ride.Id}/power-curve.json", "PowerCurve", false),
            ("api/v1/athlete/0/power-curves.json?type=Ride&curves=42d", "DataCurveSetPowerCurve", false),
            ($"api/v1/athlete/0/wellness?oldest={SandboxHarness.Today.AddDays(-3):yyyy-MM-dd}&newest={SandboxHarness.Today:yyyy-MM-dd}", "Wellness", true),
            ($"api/v1/athlete/0/events?oldest={SandboxHarness.Today:yyyy-MM-dd}&newest={SandboxHarness.Today.AddDays(6):yyyy-MM-dd}", "Event", true),
            ("api/v1/athlete/0/folders", "Folder", true),
            ("api/v1/athlete/0/workouts", "Workout", true),
            ("api/v1/athlete/0/gear", "Gear", true),
        };
        var spec = OpenApiSpec.Instance;
        var ath = JsonDocument.Parse(await http.GetStringAsync("api/v1/athlete/0")).RootElement;
        output.WriteLine("icu_api_key=" + ath.GetProperty("icu_api_key").GetRawText() + " email=" + ath.GetProperty("email").GetRawText());
        var pc = JsonDocument.Parse(await http.GetStringAsync("api/v1/athlete/0/power-curves.json?type=Ride&curves=42d")).RootElement;
        var item = pc.GetProperty("list")[0];
        var dc = spec.Properties("DataCurve"); var pcs = spec.Properties("PowerCurve");
        output.WriteLine("curve keys: " + string.Join(",", item.EnumerateObject().Select(p => p.Name + (dc.ContainsKey(p.Name) ? "" : pcs.ContainsKey(p.Name) ? "(PC)" : "(OFF)"))));
        var acts1 = pc.GetProperty("activities").EnumerateObject().First().Value;
        output.WriteLine("curve activity keys: " + string.Join(",", acts1.EnumerateObject().Select(p => p.Name)));
        var hc = JsonDocument.Parse(await http.GetStringAsync("api/v1/athlete/0/hr-curves.json?type=Ride&curves=42d")).RootElement.GetProperty("list")[0];
        output.WriteLine("hr keys: " + string.Join(",", hc.EnumerateObject().Select(p => p.Name)));
        foreach (var (url, schema, array) in probes)
        {
            var json = await http.GetStringAsync(url);
            using var doc = JsonDocument.Parse(json);
            var first = array ? doc.RootElement.EnumerateArray().FirstOrDefault() : doc.RootElement;
            if (first.ValueKind != JsonValueKind.Object) { output.WriteLine($"{url}: empty"); continue; }
            var props = spec.Properties(schema);
            var extra = first.EnumerateObject().Select(p => p.Name).Where(n => !props.ContainsKey(n)).ToList();
            var nulls = first.EnumerateObject().Count(p => p.Value.ValueKind == JsonValueKind.Null);
            output.WriteLine($"{schema}: {first.EnumerateObject().Count()} keys, {nulls} null; off-spec: {string.Join(",", extra)}");
            foreach (var p in first.EnumerateObject())
            {
                if (props.TryGetValue(p.Name, out var sp) && sp.TryGetProperty("type", out var t))
                {
                    var k = p.Value.ValueKind;
                    var ok = t.GetString() switch { "string" => k is JsonValueKind.String, "integer" => k == JsonValueKind.Number && p.Value.TryGetInt64(out _), "number" => k == JsonValueKind.Number, "boolean" => k is JsonValueKind.True or JsonValueKind.False, "array" => k == JsonValueKind.Array, _ => true };
                    if (!ok && k != JsonValueKind.Null) output.WriteLine($"   type mismatch {p.Name}: spec {t.GetString()} got {p.Value.GetRawText()[..Math.Min(40, p.Value.GetRawText().Length)]}");
                }
            }
        }
    }
}
