using System.Text.Json.Nodes;
using IcuSync.Sandbox;

namespace IcuSync.Intervals.Tests.Sandbox;

public sealed class SandboxActivityApiTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxServer Server => fixture.Server;

    private HttpClient Cyclist() => SandboxTestKit.Client(Server, SandboxPrincipals.CyclistApiKey);

    private SandboxActivity LatestRide() => Server.Store.GetActivities(SandboxPrincipals.CyclistId)
        .Last(a => !a.IsStravaStub && a.IcuAverageWatts is not null);

    [Fact]
    public async Task Listing_activities_without_oldest_is_422_naming_the_parameter()
    {
        using var client = Cyclist();

        var (status, body) = await client.SendAsync(HttpMethod.Get, "api/v1/athlete/0/activities");

        Assert.Equal(422, status);
        Assert.Equal(422, (int)body!["status"]!);
        Assert.Contains("'oldest'", (string?)body["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_activity_list_is_newest_first_and_matches_the_store_for_the_date_range()
    {
        using var client = Cyclist();
        var oldest = SandboxTestKit.Today.AddDays(-28);
        var newest = SandboxTestKit.Today.AddDays(-1);

        var list = (await client.GetJsonAsync($"api/v1/athlete/0/activities?oldest={oldest:yyyy-MM-dd}&newest={newest:yyyy-MM-dd}")).AsArray();
        var expected = Server.Store.GetActivities(SandboxPrincipals.CyclistId, oldest, newest);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(a => a.Id), list.Select(a => (string)a!["id"]!));
        var starts = list.Select(a => DateTime.Parse((string)a!["start_date_local"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(starts.OrderByDescending(s => s), starts);
        var first = list.First(a => (string?)a!["source"] != "STRAVA")!.AsObject();
        Assert.True(first.ContainsKey("description"));
        Assert.Null(first["description"]);
        Assert.Equal(expected.First(a => !a.IsStravaStub).IcuTrainingLoad, (int?)first["icu_training_load"]);
    }

    [Fact]
    public async Task Limit_keeps_the_newest_and_fields_drops_nulls()
    {
        using var client = Cyclist();

        var list = (await client.GetJsonAsync("api/v1/athlete/0/activities?oldest=2025-06-01&limit=3&fields=id,name,description,icu_training_load")).AsArray();

        Assert.Equal(3, list.Count);
        Assert.All(list, a => Assert.False(a!.AsObject().ContainsKey("description")));
        Assert.All(list, a => Assert.True(a!.AsObject().Count <= 3));
    }

    [Fact]
    public async Task Strava_stubs_are_listed_as_stubs_and_their_details_are_422()
    {
        using var client = Cyclist();
        var stub = Server.Store.GetActivities(SandboxPrincipals.CyclistId).First(a => a.IsStravaStub);
        var day = stub.LocalDate;

        var list = (await client.GetJsonAsync($"api/v1/athlete/0/activities?oldest={day:yyyy-MM-dd}&newest={day:yyyy-MM-dd}")).AsArray();
        var detail = await client.GetJsonAsync($"api/v1/activity/{stub.Id}");
        var (streamsStatus, streamsBody) = await client.SendAsync(HttpMethod.Get, $"api/v1/activity/{stub.Id}/streams.json");

        var listed = list.Single(a => (string?)a!["id"] == stub.Id)!.AsObject();
        Assert.Equal("STRAVA", (string?)listed["source"]);
        Assert.Equal("STRAVA activities are not available via the API", (string?)listed["_note"]);
        Assert.False(listed.ContainsKey("type"));
        Assert.DoesNotContain('i', stub.Id);
        Assert.Equal(5, detail.AsObject().Count);
        Assert.Equal(422, streamsStatus);
        Assert.Equal("Cannot read Strava activities via the API", (string?)streamsBody!["error"]);
    }

    [Fact]
    public async Task Streams_are_1hz_arrays_whose_averages_match_the_activity_summary()
    {
        using var client = Cyclist();
        var ride = LatestRide();

        var streams = (await client.GetJsonAsync($"api/v1/activity/{ride.Id}/streams.json?types=watts,heartrate,cadence,velocity_smooth,altitude,distance,time")).AsArray();

        var byType = streams.ToDictionary(s => (string)s!["type"]!, s => s!["data"]!.AsArray().Select(v => (double)v!).ToArray());
        Assert.Equal(["altitude", "cadence", "distance", "heartrate", "time", "velocity_smooth", "watts"], byType.Keys.Order(StringComparer.Ordinal));
        Assert.All(byType.Values, data => Assert.Equal(ride.MovingTime, data.Length));
        Assert.Equal(ride.IcuAverageWatts, (int)Math.Round(byType["watts"].Average()));
        Assert.Equal(ride.Distance!.Value, byType["distance"][^1], 0);
        Assert.InRange(byType["heartrate"].Average(), ride.AverageHeartrate!.Value - 1, ride.AverageHeartrate.Value + 1);
        Assert.Equal(ride.ElapsedTime - 1, (int)byType["time"][^1]);
    }

    [Fact]
    public async Task Without_types_the_default_streams_include_watts_as_raw_watts_too()
    {
        using var client = Cyclist();
        var ride = LatestRide();

        var streams = (await client.GetJsonAsync($"api/v1/activity/{ride.Id}/streams")).AsArray();

        var types = streams.Select(s => (string)s!["type"]!).ToList();
        Assert.Contains("watts", types);
        Assert.Contains("raw_watts", types);
        Assert.Contains("heartrate", types);
        Assert.All(streams, s => Assert.True(s!.AsObject().ContainsKey("data2")));
    }

    [Fact]
    public async Task Intervals_come_as_an_object_with_indexes_into_the_streams()
    {
        using var client = Cyclist();
        var ride = Server.Store.GetActivities(SandboxPrincipals.CyclistId).Last(a => a.Name?.Contains("Threshold", StringComparison.Ordinal) == true);

        var dto = await client.GetJsonAsync($"api/v1/activity/{ride.Id}/intervals");
        var detail = await client.GetJsonAsync($"api/v1/activity/{ride.Id}?intervals=true");

        Assert.Equal(ride.Id, (string?)dto["id"]);
        var intervals = dto["icu_intervals"]!.AsArray();
        var work = intervals.Where(i => (string?)i!["type"] == "WORK").ToList();
        Assert.InRange(work.Count, 3, 5);
        Assert.All(intervals, i => Assert.InRange((int)i!["end_index"]!, (int)i["start_index"]! + 1, ride.MovingTime!.Value));
        Assert.All(work, w => Assert.InRange((int)w!["average_watts"]!, 230, 275));
        var group = Assert.Single(dto["icu_groups"]!.AsArray());
        Assert.Equal(work.Count, (int)group!["count"]!);
        Assert.Equal(intervals.Count, detail["icu_intervals"]!.AsArray().Count);
    }

    [Fact]
    public async Task Best_efforts_need_a_stream_and_find_non_overlapping_windows()
    {
        using var client = Cyclist();
        var ride = LatestRide();

        var (missing, missingBody) = await client.SendAsync(HttpMethod.Get, $"api/v1/activity/{ride.Id}/best-efforts?duration=60");
        var efforts = (await client.GetJsonAsync($"api/v1/activity/{ride.Id}/best-efforts?stream=watts&duration=300&count=3"))["efforts"]!.AsArray();

        Assert.Equal(422, missing);
        Assert.Contains("'stream'", (string?)missingBody!["error"], StringComparison.Ordinal);
        Assert.Equal(3, efforts.Count);
        Assert.All(efforts, e => Assert.Equal(300, (int)e!["end_index"]! - (int)e["start_index"]!));
        var averages = efforts.Select(e => (double)e!["average"]!).ToList();
        Assert.Equal(averages.OrderByDescending(a => a), averages);
        var ranges = efforts.Select(e => ((int)e!["start_index"]!, (int)e["end_index"]!)).OrderBy(r => r.Item1).ToList();
        Assert.All(ranges.Zip(ranges.Skip(1)), pair => Assert.True(pair.First.Item2 <= pair.Second.Item1));
    }

    [Fact]
    public async Task Power_curves_need_a_type_and_return_the_best_values_with_their_activities()
    {
        using var client = Cyclist();

        var (missing, body) = await client.SendAsync(HttpMethod.Get, "api/v1/athlete/0/power-curves.json");
        var curves = await client.GetJsonAsync("api/v1/athlete/0/power-curves.json?type=Ride&curves=42d,1y");

        Assert.Equal(422, missing);
        Assert.Contains("'type'", (string?)body!["error"], StringComparison.Ordinal);
        var list = curves["list"]!.AsArray();
        Assert.Equal(["42d", "1y"], list.Select(c => (string)c!["id"]!));
        var year = list[1]!;
        var secs = year["secs"]!.AsArray().Select(s => (int)s!).ToList();
        var watts = year["values"]!.AsArray().Select(v => (int)v!).ToList();
        Assert.Equal(secs.Count, watts.Count);
        Assert.Equal(watts.Max(), watts[0]);
        Assert.Equal(watts.Min(), watts[^1]);
        var fiveMinutes = watts[secs.IndexOf(300)];
        Assert.InRange(fiveMinutes, 250, 330);
        Assert.All(year["activity_id"]!.AsArray(), id => Assert.True(curves["activities"]!.AsObject().ContainsKey((string)id!)));
    }

    [Fact]
    public async Task Pace_curves_give_seconds_per_distance_for_runners()
    {
        using var client = SandboxTestKit.Client(Server, SandboxPrincipals.RunnerApiKey);

        var curve = (await client.GetJsonAsync("api/v1/athlete/0/pace-curves?type=Run&curves=84d"))["list"]![0]!;

        var distances = curve["distance"]!.AsArray().Select(d => (double)d!).ToList();
        var seconds = curve["values"]!.AsArray().Select(v => (int)v!).ToList();
        Assert.Contains(1000.0, distances);
        var kilometre = seconds[distances.IndexOf(1000.0)];
        Assert.InRange(kilometre, 205, 260);
        Assert.Equal(seconds.Order(), seconds);
    }

    [Fact]
    public async Task A_sydney_morning_activity_starts_on_the_previous_utc_day()
    {
        using var client = SandboxTestKit.Client(Server, SandboxPrincipals.TriathleteApiKey);
        var swim = Server.Store.GetActivities(SandboxPrincipals.TriathleteId).Last(a => a.Type == "Swim");

        var detail = await client.GetJsonAsync($"api/v1/activity/{swim.Id}");

        var local = DateTime.Parse((string)detail["start_date_local"]!, System.Globalization.CultureInfo.InvariantCulture);
        var utcText = (string)detail["start_date"]!;
        Assert.EndsWith("Z", utcText, StringComparison.Ordinal);
        Assert.DoesNotContain("+", (string)detail["start_date_local"]!, StringComparison.Ordinal);
        var utc = DateTime.Parse(utcText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.True(local.Hour < 7);
        Assert.Equal(local.Date.AddDays(-1), utc.Date);
        Assert.Equal("Australia/Sydney", (string?)detail["timezone"]);
    }
}
