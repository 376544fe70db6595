using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;

namespace IcuSync.Server.Tests.Intents.Settings;

/// <summary>manage_gear over a real MCP client on the intents profile, against the sandbox's stored gear.</summary>
public sealed class ManageGearTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    private SandboxStore Store => Host.Server.Sandbox!.Store;

    [Fact]
    public async Task List_groups_gear_by_type_with_distance_remaining_life_from_reminders_and_status()
    {
        await using var client = await Host.ConnectIntentsAsync("Runner");

        var result = await client.CallToolAsync("manage_gear", Args(("action", "list")));
        var json = result.Structured();

        var stored = Store.GetGear(SandboxPrincipals.RunnerId);
        var shoes = json.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("type").GetString() == "Shoes");
        Assert.Equal(stored.Count(g => g.Type == "Shoes" && g.Retired is null), shoes.GetProperty("in_use").GetInt32());
        Assert.Equal(stored.Count(g => g.Type == "Shoes"), shoes.GetProperty("items").GetArrayLength());
        var pegasus = stored.Single(g => g.Name == "Nike Pegasus 41");
        var row = shoes.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == pegasus.Id);
        Assert.Equal(Math.Round(pegasus.Distance!.Value / 1000, 1), row.GetProperty("distance_km").GetDouble(), 3);
        var retireAt = pegasus.Reminders!.Single(r => r.Name == "Retire shoes");
        var used = pegasus.Distance.Value - retireAt.StartingDistance!.Value;
        Assert.Equal(Math.Round(Math.Max(0, retireAt.Distance!.Value - Math.Round(used, 1)) / 1000, 1), row.GetProperty("remaining_km").GetDouble(), 1);
        var percent = used * 100 / retireAt.Distance.Value;
        Assert.Equal(percent >= 100 ? "due" : percent >= 90 ? "due_soon" : "ok", row.GetProperty("status").GetString());
        var ghost = shoes.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "Brooks Ghost 15");
        Assert.Equal("retired", ghost.GetProperty("status").GetString());
        Assert.Equal("2025-01-09", ghost.GetProperty("retired").GetString());
        Assert.False(ghost.Has("remaining_km"));
        Assert.Contains($"Shoes ({shoes.GetProperty("in_use").GetInt32()} in use", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gear_without_a_reminder_reports_remaining_life_as_unavailable_with_the_reason()
    {
        await using var client = await Host.ConnectIntentsAsync("Triathlete");

        var json = (await client.CallToolAsync("manage_gear", Args())).Structured();

        var wetsuit = Store.GetGear(SandboxPrincipals.TriathleteId).Single(g => g.Type == "Wetsuit");
        var row = json.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("items").EnumerateArray())
            .Single(i => i.GetProperty("id").GetString() == wetsuit.Id);
        Assert.Equal("no_reminder", row.GetProperty("status").GetString());
        Assert.False(row.Has("remaining_km"));
        Assert.Contains("no service reminder", row.GetProperty("unavailable").GetString(), StringComparison.Ordinal);
        Assert.Contains(json.GetProperty("unavailable").EnumerateArray(), u => u.GetProperty("field").GetString() == wetsuit.Id + ".remaining_km");
    }

    [Fact]
    public async Task Add_is_a_dry_run_first_then_creates_the_gear_once_even_when_the_code_is_replayed()
    {
        await using var client = await Host.ConnectIntentsAsync("Runner");
        var count = Store.GetGear(SandboxPrincipals.RunnerId).Count;
        var args = Args(("action", "add"), ("name", "Nike Vaporfly 3"), ("type", "shoes"), ("date", "2026-01-05"));

        var dryRun = await client.CallToolAsync("manage_gear", args);
        var code = dryRun.ConfirmCode();
        Assert.Equal(count, Store.GetGear(SandboxPrincipals.RunnerId).Count);
        Assert.Contains("add Shoes 'Nike Vaporfly 3'", dryRun.Text(), StringComparison.Ordinal);

        var created = (await client.CallToolAsync("manage_gear", args.With("confirm", code))).Structured();
        var replay = (await client.CallToolAsync("manage_gear", args.With("confirm", code))).Structured();

        var stored = Store.GetGear(SandboxPrincipals.RunnerId).Single(g => g.Name == "Nike Vaporfly 3");
        Assert.Equal("created", created.GetProperty("status").GetString());
        Assert.Equal(stored.Id, created.At("gear", "id").GetString());
        Assert.Equal("Shoes", stored.Type);
        Assert.Equal("2026-01-05", stored.Purchased);
        Assert.Equal("exists", replay.GetProperty("status").GetString());
        Assert.Equal(stored.Id, replay.At("gear", "id").GetString());
        Assert.Equal(count + 1, Store.GetGear(SandboxPrincipals.RunnerId).Count);
    }

    [Fact]
    public async Task Retire_marks_the_gear_retired_on_the_given_date_only_after_confirmation()
    {
        await using var client = await Host.ConnectIntentsAsync("Triathlete");
        var today = Store.Today(SandboxPrincipals.TriathleteId);
        var day = today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var args = Args(("action", "retire"), ("gear", "Orca"), ("date", day));

        var preview = (await client.CallToolAsync("manage_gear", args)).Structured();
        Assert.Null(Store.GetGear(SandboxPrincipals.TriathleteId).Single(g => g.Type == "Wetsuit").Retired);
        Assert.Contains(preview.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "retired" && c.GetProperty("new").GetString() == day);

        var retired = (await client.CallToolAsync("manage_gear", args.With("confirm", preview.GetProperty("confirm").GetString()))).Structured();
        var again = (await client.CallToolAsync("manage_gear", args)).Structured();

        Assert.Equal(day, Store.GetGear(SandboxPrincipals.TriathleteId).Single(g => g.Type == "Wetsuit").Retired);
        Assert.Equal("retired", retired.At("gear", "status").GetString());
        Assert.Equal("unchanged", again.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Set_reminder_adds_a_new_reminder_and_updates_a_same_named_one_in_place()
    {
        await using var client = await Host.ConnectIntentsAsync("Cyclist");
        var trainer = Store.GetGear(SandboxPrincipals.CyclistId).Single(g => g.Name == "Tacx Neo trainer bike");
        var chain = Store.GetGear(SandboxPrincipals.CyclistId).Single(g => g.Type == "Chain");
        var chainReminder = chain.Reminders!.Single();
        var add = Args(("action", "set_reminder"), ("gear", trainer.Id), ("name", "Check belt"), ("distance_km", 5000), ("days", 365));
        var update = Args(("action", "set_reminder"), ("gear", "Ultegra chain"), ("name", "replace chain"), ("distance_km", 3500));

        var addCode = (await client.CallToolAsync("manage_gear", add)).ConfirmCode();
        Assert.Empty(Store.GetGear(SandboxPrincipals.CyclistId).Single(g => g.Id == trainer.Id).Reminders ?? []);
        var added = (await client.CallToolAsync("manage_gear", add.With("confirm", addCode))).Structured();
        var replay = (await client.CallToolAsync("manage_gear", add.With("confirm", addCode))).Structured();
        var updatePreview = (await client.CallToolAsync("manage_gear", update)).Structured();
        var updated = (await client.CallToolAsync("manage_gear", update.With("confirm", updatePreview.GetProperty("confirm").GetString()))).Structured();

        var belt = Assert.Single(Store.GetGear(SandboxPrincipals.CyclistId).Single(g => g.Id == trainer.Id).Reminders!);
        Assert.Equal("Check belt", belt.Name);
        Assert.Equal(5_000_000, belt.Distance);
        Assert.Equal(365, belt.Days);
        Assert.Equal("created", added.GetProperty("status").GetString());
        Assert.Equal(5000, added.At("gear", "remaining_km").GetDouble(), 1);
        Assert.Equal("unchanged", replay.GetProperty("status").GetString());
        var storedChain = Assert.Single(Store.GetGear(SandboxPrincipals.CyclistId).Single(g => g.Id == chain.Id).Reminders!);
        Assert.Equal(chainReminder.Id, storedChain.Id);
        Assert.Equal(3_500_000, storedChain.Distance);
        Assert.Equal("updated", updated.GetProperty("status").GetString());
        Assert.Contains(updatePreview.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "every_km"
            && c.GetProperty("old").GetString() == "3000" && c.GetProperty("new").GetString() == "3500");
        var used = chain.Distance!.Value - chainReminder.StartingDistance!.Value;
        Assert.Equal(Math.Round((3_500_000 - used) / 1000, 1), updated.At("gear", "remaining_km").GetDouble(), 1);
    }

    [Fact]
    public async Task Gear_writes_refuse_codes_that_are_forged_boolean_or_for_another_change_and_write_nothing()
    {
        await using var client = await Host.ConnectIntentsAsync("Cyclist");
        var before = Store.GetGear(SandboxPrincipals.CyclistId).Count;
        var args = Args(("action", "add"), ("name", "Spare wheelset"), ("type", "Wheelset"));

        var forged = await client.CallToolAsync("manage_gear", args.With("confirm", "not-a-real-code"));
        var boolean = await client.CallToolAsync("manage_gear", args.With("confirm", true));
        var dryRunFalse = await client.CallToolAsync("manage_gear", args.With("dry_run", false));
        var otherName = await client.CallToolAsync("manage_gear", args.With("name", "Race wheelset").With("confirm", dryRunFalse.ConfirmCode()));
        var badType = await client.CallToolAsync("manage_gear", args.With("type", "Spaceship"));
        var noLimit = await client.CallToolAsync("manage_gear", Args(("action", "set_reminder"), ("gear", "Canyon")));
        var ambiguous = await client.CallToolAsync("manage_gear", Args(("action", "retire"), ("gear", "a")));

        Assert.True(forged.IsError);
        Assert.Contains("not a code IcuSync issued", forged.Text(), StringComparison.Ordinal);
        Assert.True(boolean.IsError);
        Assert.True(otherName.IsError);
        Assert.Contains("different change", otherName.Text(), StringComparison.Ordinal);
        Assert.Contains("'type'", badType.Text(), StringComparison.Ordinal);
        Assert.Contains("Wheelset", badType.Text(), StringComparison.Ordinal);
        Assert.Contains("'distance_km'", noLimit.Text(), StringComparison.Ordinal);
        Assert.Contains("'gear'", ambiguous.Text(), StringComparison.Ordinal);
        Assert.Contains("matches 3 items", ambiguous.Text(), StringComparison.Ordinal);
        Assert.Equal(before, Store.GetGear(SandboxPrincipals.CyclistId).Count);
        Assert.DoesNotContain(Store.GetGear(SandboxPrincipals.CyclistId), g => g.Name is "Spare wheelset" or "Race wheelset");
    }
}
