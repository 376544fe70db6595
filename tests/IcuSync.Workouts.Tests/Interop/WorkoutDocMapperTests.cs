using System.Text.Json.Nodes;

namespace IcuSync.Workouts.Tests.Interop;

public sealed class WorkoutDocMapperTests
{
    private static JsonObject Doc(string text, WorkoutContext? context = null) =>
        WorkoutText.Analyze(text, context ?? new WorkoutContext("Ride")).WorkoutDoc;

    [Fact]
    public void Api_worked_example_maps_to_the_reference_shape()
    {
        var doc = Doc(Corpus.SeedTexts.ApiWorkedExample, new WorkoutContext("Ride", FtpWatts: 250));

        var expectedSteps = JsonNode.Parse("""
            [
              { "duration": 600, "warmup": true, "ramp": true, "power": { "start": 50, "end": 75, "units": "%ftp" } },
              { "text": "Main Set 3x", "reps": 3, "duration": 2160, "steps": [
                  { "duration": 480, "power": { "start": 95, "end": 100, "units": "%ftp" } },
                  { "duration": 240, "power": { "value": 55, "units": "%ftp" } } ] },
              { "duration": 600, "cooldown": true, "power": { "value": 50, "units": "%ftp" } }
            ]
            """);
        Assert.True(JsonNode.DeepEquals(expectedSteps, doc["steps"]), doc["steps"]!.ToJsonString());
        Assert.Equal("POWER", (string?)doc["target"]);
        Assert.Equal(3360, (int)doc["duration"]!);
        Assert.Equal(0, (int)doc["distance"]!);
        Assert.Equal(184, (int)doc["average_watts"]!);
        Assert.Equal(204, (int)doc["normalized_power"]!);

        var zones = doc["zoneTimes"]!.AsArray().ToDictionary(static z => (string)z!["id"]!, static z => (int)z!["secs"]!);
        Assert.Equal(1440, zones["Z1"]);
        Assert.Equal(480, zones["Z2"]);
        Assert.Equal(1440, zones["Z4"]);
        Assert.Equal(3360, zones.Where(static z => z.Key != "SS").Sum(static z => z.Value));
        var z2 = doc["zoneTimes"]![1]!;
        Assert.Equal((139, 188, "56% - 75%"), ((int)z2["minWatts"]!, (int)z2["maxWatts"]!, (string)z2["percentRange"]!));
    }

    [Theory]
    [InlineData("- 8m 220w", "power", """{ "value": 220, "units": "w" }""")]
    [InlineData("- 60m Z2", "power", """{ "value": 2, "units": "power_zone" }""")]
    [InlineData("- 20m 85-95% MMP 5m", "power", """{ "start": 85, "end": 95, "units": "%mmp" }""")]
    [InlineData("- 20m 70% HR", "hr", """{ "value": 70, "units": "%hr" }""")]
    [InlineData("- 10m 90-95% LTHR", "hr", """{ "start": 90, "end": 95, "units": "%lthr" }""")]
    [InlineData("- 60m Z2 HR", "hr", """{ "value": 2, "units": "hr_zone" }""")]
    [InlineData("- 45m CZ2-CZ3 HR", "hr", """{ "start": 2, "end": 3, "units": "hr_zone" }""")]
    [InlineData("- 6km 90-92% Pace", "pace", """{ "start": 90, "end": 92, "units": "%pace" }""")]
    [InlineData("- 3km Z3 Pace", "pace", """{ "value": 3, "units": "pace_zone" }""")]
    [InlineData("- 10m 7:15-7:00/km Pace", "pace", """{ "start": 435, "end": 420, "units": "secs/km" }""")]
    [InlineData("- 10m 8:00/mi Pace", "pace", """{ "value": 480, "units": "secs/mile" }""")]
    [InlineData("- 400mtr 1:45/100m Pace", "pace", """{ "value": 105, "units": "secs/100m" }""")]
    [InlineData("- 400mtr 1:40/100y Pace", "pace", """{ "value": 100, "units": "secs/100y" }""")]
    [InlineData("- 12m 85% 90-100rpm", "cadence", """{ "start": 90, "end": 100, "units": "rpm" }""")]
    public void Targets_map_to_their_intervals_units(string line, string key, string json)
    {
        var step = Doc(line)["steps"]![0]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), step[key]), step.ToJsonString());
    }

    [Fact]
    public void Distance_steps_carry_meters_and_the_estimated_duration()
    {
        var step = Doc("- 1mi Z4 Pace", new WorkoutContext("Run", ThresholdPaceSecsPerKm: 270))["steps"]![0]!;

        Assert.Equal(1609.344, (double)step["distance"]!, 6);
        Assert.Equal(472, (int)step["duration"]!);
    }

    [Fact]
    public void Flags_and_text_map_to_step_fields()
    {
        var steps = Doc("- Spin easy 20m freeride\n- Hold 1h Z2 Press lap\n- Go 30^ Relax <!> 1m30 120%")["steps"]!.AsArray();

        Assert.Equal(("Spin easy", true), ((string)steps[0]!["text"]!, (bool)steps[0]!["freeride"]!));
        Assert.True((bool)steps[1]!["until_lap_press"]!);
        Assert.Equal("Go 30^Relax", (string)steps[2]!["text"]!);
    }

    [Fact]
    public void Prose_lines_become_the_description()
    {
        var doc = Doc("Easy aerobic ride\n\nWarmup\n- 10m 55%\n**Keep it easy**");

        Assert.Equal("Easy aerobic ride\n**Keep it easy**", (string?)doc["description"]);
    }

    [Fact]
    public void Unparseable_text_maps_to_an_empty_doc_like_intervals()
    {
        var doc = Doc("just some words");

        Assert.Empty(doc["steps"]!.AsArray());
        Assert.Equal(0, (int)doc["duration"]!);
        Assert.Null(doc["target"]);
    }

    [Fact]
    public void Resolved_targets_are_added_on_request()
    {
        var context = new WorkoutContext("Ride", FtpWatts: 250, LthrBpm: 170, ThresholdPaceSecsPerKm: 250) { ResolveTargets = true };
        var doc = Doc("- 10m 80%\n- 10m 90% LTHR\n- 10m 100% Pace", context);
        var steps = doc["steps"]!.AsArray();

        Assert.Equal("200", steps[0]!["_power"]!["value"]!.ToJsonString());
        Assert.Equal("153", steps[1]!["_hr"]!["value"]!.ToJsonString());
        Assert.Equal("4", steps[2]!["_pace"]!["value"]!.ToJsonString());
        Assert.Equal(250, (int)doc["ftp"]!);
        Assert.Equal("4", doc["threshold_pace"]!.ToJsonString());
    }

    [Fact]
    public void Each_access_builds_a_new_object_that_callers_may_attach_elsewhere()
    {
        var analysis = WorkoutText.Analyze("- 10m 60%", new WorkoutContext());
        var parent = new JsonObject { ["workout_doc"] = analysis.WorkoutDoc };

        Assert.NotSame(parent["workout_doc"], analysis.WorkoutDoc);
        Assert.True(JsonNode.DeepEquals(parent["workout_doc"], analysis.WorkoutDoc));
    }
}
