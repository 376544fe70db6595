using System.Text.Json;

namespace IcuSync.Intervals.Tests.Transport;

/// <summary>The DTOs read real-world Intervals.icu JSON without failing on nulls, odd numbers or unknown keys.</summary>
public sealed class SerializationTests
{
    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(json, info)!;

    [Fact]
    public void Explicit_nulls_for_lists_and_objects_read_as_null_not_as_errors()
    {
        var activity = Read("""
            {"id":"i1","type":"Ride","tags":null,"icu_zone_times":null,"icu_intervals":null,"gear":null,
             "icu_hr_zone_times":[900,null,300],"moving_time":null,"trainer":null}
            """, IntervalsJsonContext.Default.ActivityDto);

        Assert.Null(activity.Tags);
        Assert.Null(activity.ZoneTimes);
        Assert.Null(activity.MovingTime);
        Assert.Equal([900, null, 300], activity.HrZoneTimes!);
    }

    [Fact]
    public void Numbers_in_odd_shapes_are_read_as_what_they_mean()
    {
        var activity = Read("""
            {"id":"i1","icu_training_load":62.6,"average_heartrate":"152","icu_joules":1089420.0,
             "distance":"44890.5","device_watts":"true","compliance":null}
            """, IntervalsJsonContext.Default.ActivityDto);

        Assert.Equal(63, activity.TrainingLoad);
        Assert.Equal(152, activity.AverageHeartrate);
        Assert.Equal(1_089_420L, activity.Joules);
        Assert.Equal(44890.5, activity.Distance);
        Assert.True(activity.DeviceWatts);
    }

    [Fact]
    public void Unknown_keys_and_athlete_custom_fields_are_kept()
    {
        var activity = Read("""{"id":"i1","AerobicEffect":3.5,"paired_activity_id":"i2","newFieldFromTheFuture":{"a":1}}""",
            IntervalsJsonContext.Default.ActivityDto);

        Assert.NotNull(activity.AdditionalFields);
        Assert.Equal(3.5, activity.AdditionalFields["AerobicEffect"].GetDouble());
        Assert.True(activity.AdditionalFields.ContainsKey("newFieldFromTheFuture"));
    }

    [Fact]
    public void Local_dates_and_timestamps_parse_in_every_format_the_api_uses()
    {
        var activity = Read("""{"id":"i1","start_date_local":"2025-12-03T15:43:42","start_date":"2025-12-03T14:43:42Z","analyzed":"2024-01-30T10:14:14.659+0000"}""",
            IntervalsJsonContext.Default.ActivityDto);
        var evt = Read("""{"id":5,"start_date_local":"2024-03-30","updated":"2024-01-30T10:14:14.659+00:00"}""", IntervalsJsonContext.Default.EventDto);
        var wellness = Read("""{"id":"2026-05-13","updated":"not a date"}""", IntervalsJsonContext.Default.WellnessDto);

        Assert.Equal(new DateTime(2025, 12, 3, 15, 43, 42), activity.StartDateLocal);
        Assert.Equal(DateTimeKind.Unspecified, activity.StartDateLocal!.Value.Kind);
        Assert.Equal(new DateTimeOffset(2025, 12, 3, 14, 43, 42, TimeSpan.Zero), activity.StartDate);
        Assert.Equal(new DateTimeOffset(2024, 1, 30, 10, 14, 14, 659, TimeSpan.Zero), activity.Analyzed);
        Assert.Equal(new DateTime(2024, 3, 30), evt.StartDateLocal);
        Assert.Equal(new DateOnly(2026, 5, 13), wellness.Id);
        Assert.Null(wellness.Updated);
    }

    [Fact]
    public void A_strava_stub_is_detected_so_tools_can_explain_it()
    {
        var stub = Read("""
            {"id":"16639341172","icu_athlete_id":"i434414","start_date_local":"2025-12-03T15:43:42","source":"STRAVA",
             "_note":"STRAVA activities are not available via the API"}
            """, IntervalsJsonContext.Default.ActivityDto);
        var real = Read("""{"id":"i51234567","source":"STRAVA","type":"Ride","moving_time":3600}""", IntervalsJsonContext.Default.ActivityDto);
        var garmin = Read("""{"id":"i51234568","source":"GARMIN_CONNECT"}""", IntervalsJsonContext.Default.ActivityDto);

        Assert.True(stub.IsStravaStub);
        Assert.Equal("STRAVA activities are not available via the API", stub.Note);
        Assert.Null(stub.MovingTime);
        Assert.False(real.IsStravaStub);
        Assert.False(garmin.IsStravaStub);
    }

    [Fact]
    public void Stream_samples_tolerate_nulls_booleans_and_array_values()
    {
        var streams = Read("""
            [{"type":"watts","data":[180,205,null,240.5]},
             {"type":"moving","data":[true,false,true]},
             {"type":"latlng","data":[41.1,41.2],"data2":[2.1,2.2]},
             {"type":"hrv","valueTypeIsArray":true,"data":[[800,810],null]}]
            """, IntervalsJsonContext.Default.ListActivityStreamDto);

        Assert.Equal([180, 205, null, 240.5], streams[0].Data!);
        Assert.Equal([1, 0, 1], streams[1].Data!);
        Assert.Equal([2.1, 2.2], streams[2].Data2!);
        Assert.Equal([null, null], streams[3].Data!);
    }

    [Fact]
    public void Power_curves_read_values_or_fall_back_to_watts()
    {
        var withValues = Read("""{"secs":[1,5],"values":[1010,930]}""", IntervalsJsonContext.Default.PowerCurveDto);
        var withWatts = Read("""{"secs":[1,5],"watts":[990,910]}""", IntervalsJsonContext.Default.PowerCurveDto);

        Assert.Equal([1010, 930], withValues.BestWatts!);
        Assert.Equal([990, 910], withWatts.BestWatts!);
    }

    [Fact]
    public void An_event_exposes_the_undocumented_paired_activity()
    {
        var planned = Read("""{"id":48812345,"paired_activity_id":"i51234567","plan_name":"Base"}""", IntervalsJsonContext.Default.EventDto);

        Assert.Equal("i51234567", planned.PairedActivityId);
    }

    [Fact]
    public void Writing_drops_nulls_so_updates_change_only_what_was_set()
    {
        var json = JsonSerializer.Serialize(new WellnessDto { Id = new DateOnly(2026, 5, 13), RestingHr = 47 }, IntervalsJsonContext.Default.WellnessDto);

        Assert.Equal("""{"id":"2026-05-13","restingHR":47}""", json);
    }

    [Fact]
    public void The_wire_context_writes_nulls_and_unknown_fields_back_out()
    {
        var original = """{"id":"i1","type":"Ride","moving_time":null,"AerobicEffect":3.5}""";
        var activity = Read(original, IntervalsJsonContext.Default.ActivityDto);

        var wire = JsonSerializer.Serialize(activity, IntervalsJsonContext.Wire.ActivityDto);
        var compact = JsonSerializer.Serialize(activity, IntervalsJsonContext.Default.ActivityDto);

        Assert.Contains("\"moving_time\":null", wire, StringComparison.Ordinal);
        Assert.Contains("\"AerobicEffect\":3.5", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("moving_time", compact, StringComparison.Ordinal);
        Assert.True(wire.Length > compact.Length);
    }
}
