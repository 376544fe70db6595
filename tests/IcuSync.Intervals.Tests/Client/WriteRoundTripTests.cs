using IcuSync.Sandbox;

namespace IcuSync.Intervals.Tests.Client;

/// <summary>
/// Every write the client offers, round-tripped through the sandbox. The class has its own sandbox; each test writes
/// to its own dates or items so the order of tests does not matter.
/// </summary>
public sealed class WriteRoundTripTests(ReadOnlySandbox sandbox) : IClassFixture<ReadOnlySandbox>
{
    private static readonly DateOnly Today = SandboxHarness.Today;

    private IIntervalsClient Client => sandbox.Harness.Client;

    private static CancellationToken Ct => TestTimeout.Token;

    private static DateTime Day(int offset) => Today.AddDays(offset).ToDateTime(TimeOnly.MinValue);

    [Fact]
    public async Task Upserting_the_same_events_twice_leaves_one_of_each_updated_in_place()
    {
        var plan = new List<EventDto>
        {
            new() { Category = "WORKOUT", Type = "Ride", StartDateLocal = Day(30), Name = "Threshold 3x8", ExternalId = "icusync-test-w1",
                    Description = "Warmup\n- 10m 60%\n\nMain Set 3x\n- 8m 100%\n- 4m 55%\n\nCooldown\n- 10m 50%" },
            new() { Category = "NOTE", StartDateLocal = Day(31), Name = "Travel", ExternalId = "icusync-test-n1" },
        };

        var first = await Client.UpsertEventsAsync(SandboxHarness.Cyclist, "0", plan, Ct);
        var second = await Client.UpsertEventsAsync(SandboxHarness.Cyclist, "0", [plan[0] with { Name = "Threshold 3x9" }, plan[1]], Ct);
        var calendar = await Client.ListEventsAsync(SandboxHarness.Cyclist, "0", Today.AddDays(30), Today.AddDays(31), cancellationToken: Ct);

        Assert.Equal(first.Select(e => e.Id).Order(), second.Select(e => e.Id).Order());
        Assert.Single(calendar, e => e.ExternalId == "icusync-test-w1");
        Assert.Single(calendar, e => e.ExternalId == "icusync-test-n1");
        var workout = calendar.Single(e => e.ExternalId == "icusync-test-w1");
        Assert.Equal("Threshold 3x9", workout.Name);
        Assert.True(workout.MovingTime > 3000, $"The parsed workout lasts {workout.MovingTime} s.");
        Assert.True(workout.TrainingLoad > 0);
    }

    [Fact]
    public async Task An_event_is_created_read_updated_and_deleted()
    {
        var created = await Client.CreateEventAsync(SandboxHarness.Cyclist, "0", new EventDto
        {
            Category = "WORKOUT", Type = "Ride", StartDateLocal = Day(40), Name = "Endurance", Description = "- 90m 65%",
        }, Ct);
        var read = await Client.GetEventAsync(SandboxHarness.Cyclist, "0", created.Id!.Value, Ct);
        var updated = await Client.UpdateEventAsync(SandboxHarness.Cyclist, "0", created.Id.Value, new EventDto { Name = "Long endurance", Description = "- 120m 65%" }, Ct);
        await Client.DeleteEventAsync(SandboxHarness.Cyclist, "0", created.Id.Value, Ct);
        var gone = await Assert.ThrowsAsync<IntervalsException>(() => Client.GetEventAsync(SandboxHarness.Cyclist, "0", created.Id.Value, Ct));

        Assert.Equal(Day(40), created.StartDateLocal);
        Assert.Equal(Day(41), created.EndDateLocal);
        Assert.Equal(5400, read.MovingTime);
        Assert.Equal("Long endurance", updated.Name);
        Assert.Equal(7200, updated.MovingTime);
        Assert.Equal(IntervalsErrorKind.NotFound, gone.Kind);
    }

    [Fact]
    public async Task Events_are_deleted_in_bulk_by_id_and_by_external_id()
    {
        var made = await Client.UpsertEventsAsync(SandboxHarness.Cyclist, "0",
        [
            new EventDto { Category = "NOTE", StartDateLocal = Day(50), Name = "A", ExternalId = "icusync-bulk-a" },
            new EventDto { Category = "NOTE", StartDateLocal = Day(50), Name = "B", ExternalId = "icusync-bulk-b" },
        ], Ct);

        var deleted = await Client.DeleteEventsAsync(SandboxHarness.Cyclist, "0",
            [new DoomedEventDto { Id = made.Single(e => e.Name == "A").Id }, new DoomedEventDto { ExternalId = "icusync-bulk-b" }, new DoomedEventDto { Id = 987654 }], Ct);
        var left = await Client.ListEventsAsync(SandboxHarness.Cyclist, "0", Today.AddDays(50), Today.AddDays(50), cancellationToken: Ct);

        Assert.Equal(2, deleted);
        Assert.DoesNotContain(left, e => e.ExternalId is "icusync-bulk-a" or "icusync-bulk-b");
    }

    [Fact]
    public async Task A_wellness_update_changes_only_the_fields_sent()
    {
        var date = Today.AddDays(-3);
        var before = await Client.GetWellnessAsync(SandboxHarness.Triathlete, "0", date, Ct);

        var after = await Client.UpdateWellnessAsync(SandboxHarness.Triathlete, "0", date, new WellnessDto { Weight = 61.3, Soreness = 3, Comments = "heavy legs" }, Ct);
        var reread = await Client.GetWellnessAsync(SandboxHarness.Triathlete, "0", date, Ct);

        Assert.Equal(61.3, after.Weight);
        Assert.Equal(3, reread.Soreness);
        Assert.Equal("heavy legs", reread.Comments);
        Assert.Equal(before.Ctl, reread.Ctl);
        Assert.Equal(before.Hrv, reread.Hrv);
        Assert.Equal(before.RestingHr, reread.RestingHr);
    }

    [Fact]
    public async Task Sport_settings_are_updated_in_watts_and_read_back()
    {
        var before = await Client.GetSportSettingsAsync(SandboxHarness.Triathlete, "0", "Ride", Ct);

        var updated = await Client.UpdateSportSettingsAsync(SandboxHarness.Triathlete, "0", "Ride", new SportSettingsDto { Ftp = before.Ftp + 7 }, cancellationToken: Ct);
        var reread = await Client.GetSportSettingsAsync(SandboxHarness.Triathlete, "0", before.Id!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct);

        Assert.Equal(before.Ftp + 7, updated.Ftp);
        Assert.Equal(before.Ftp + 7, reread.Ftp);
        Assert.Equal(before.Lthr, reread.Lthr);
    }

    [Fact]
    public async Task Applied_sport_settings_reach_past_activities_of_those_types()
    {
        var before = await Client.GetSportSettingsAsync(SandboxHarness.Runner, "0", "Run", Ct);
        var id = before.Id!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await Client.UpdateSportSettingsAsync(SandboxHarness.Runner, "0", id, new SportSettingsDto { Lthr = before.Lthr + 3 }, recalculateHrZones: true, cancellationToken: Ct);
        await Client.ApplySportSettingsAsync(SandboxHarness.Runner, "0", id, Ct);
        var runs = (await Client.ListActivitiesAsync(SandboxHarness.Runner, "0", Today.AddDays(-30), Today, cancellationToken: Ct))
            .Where(a => a.Type == "Run" && !a.IsStravaStub)
            .ToList();

        Assert.NotEmpty(runs);
        Assert.All(runs, a => Assert.Equal(before.Lthr + 3, a.Lthr));
    }

    [Fact]
    public async Task A_coach_writes_a_workout_to_an_athlete_they_coach()
    {
        var made = await Client.UpsertEventsAsync(SandboxHarness.Coach, SandboxPrincipals.TriathleteId,
            [new EventDto { Category = "WORKOUT", Type = "Run", StartDateLocal = Day(33), Name = "Coach tempo", Description = "- 40m 85% pace", ExternalId = "coach-tempo-1" }], Ct);
        var asAthlete = await Client.ListEventsAsync(SandboxHarness.Triathlete, "0", Today.AddDays(33), Today.AddDays(33), [EventDto.WorkoutCategory], Ct);

        Assert.Equal(SandboxPrincipals.TriathleteId, Assert.Single(made).AthleteId);
        Assert.Contains(asAthlete, e => e.Name == "Coach tempo");
    }

    [Fact]
    public async Task A_library_folder_and_workout_are_created_and_listed()
    {
        var folder = await Client.CreateFolderAsync(SandboxHarness.Runner, "0", new FolderDto { Name = "Race prep" }, Ct);
        var workout = await Client.CreateWorkoutAsync(SandboxHarness.Runner, "0", new WorkoutDto
        {
            FolderId = folder.Id, Name = "Strides", Type = "Run", Description = "- 20m 70% pace\n\n6x\n- 20s 110% pace\n- 1m 60% pace",
        }, Ct);
        var inFolder = await Client.ListWorkoutsAsync(SandboxHarness.Runner, "0", folder.Id, Ct);
        var folders = await Client.ListFoldersAsync(SandboxHarness.Runner, "0", Ct);

        Assert.Equal("FOLDER", folder.Type);
        Assert.Equal(folder.Id, workout.FolderId);
        Assert.True(workout.MovingTime > 1200);
        Assert.Equal(workout.Id, Assert.Single(inFolder).Id);
        Assert.Contains(folders, f => f.Id == folder.Id && f.Children!.Any(w => w.Id == workout.Id));
    }

    [Fact]
    public async Task New_gear_is_created_with_a_server_assigned_id()
    {
        var gear = await Client.CreateGearAsync(SandboxHarness.Runner, "0", new GearDto { Name = "Race flats", Type = "Shoes", Purchased = "2026-04-01" }, Ct);
        var listed = await Client.ListGearAsync(SandboxHarness.Runner, "0", Ct);

        Assert.False(string.IsNullOrEmpty(gear.Id));
        Assert.Contains(listed, g => g.Id == gear.Id && g.Name == "Race flats");
    }

    [Fact]
    public async Task Gear_is_updated_and_its_reminders_are_created_snoozed_and_removed()
    {
        var gear = (await Client.ListGearAsync(SandboxHarness.Runner, "0", Ct)).First(g => g.Type == "Shoes");
        var renamed = await Client.UpdateGearAsync(SandboxHarness.Runner, "0", gear.Id!, new GearDto { Name = gear.Name + " (old pair)", Notes = "carbon plate" }, Ct);
        var withReminder = await Client.CreateGearReminderAsync(SandboxHarness.Runner, "0", gear.Id!, new GearReminderDto { Name = "Retire", Distance = 600_000 }, Ct);
        var reminder = Assert.Single(withReminder.Reminders!, r => r.Name == "Retire");
        var snoozed = await Client.UpdateGearReminderAsync(SandboxHarness.Runner, "0", gear.Id!, reminder.Id!.Value, new GearReminderDto { Distance = 700_000 }, snoozeDays: 14, cancellationToken: Ct);
        var without = await Client.DeleteGearReminderAsync(SandboxHarness.Runner, "0", gear.Id!, reminder.Id.Value, Ct);
        var listed = await Client.ListGearAsync(SandboxHarness.Runner, "0", Ct);

        Assert.Equal(gear.Name + " (old pair)", renamed.Name);
        Assert.Equal("carbon plate", renamed.Notes);
        var changed = Assert.Single(snoozed.Reminders!, r => r.Id == reminder.Id);
        Assert.Equal(700_000, changed.Distance);
        Assert.NotNull(changed.SnoozedUntil);
        Assert.DoesNotContain(without.Reminders ?? [], r => r.Id == reminder.Id);
        Assert.Contains(listed, g => g.Id == gear.Id && g.Name == renamed.Name);
    }
}
