using System.Globalization;
using System.Net;
using System.Text;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;

namespace IcuSync.Server.Tests.Security;

/// <summary>
/// Control characters, bidirectional overrides and broken Unicode in workout names and text: the dry run refuses them
/// naming the argument and the character, so nothing invisible or misleading can be confirmed onto a calendar.
/// </summary>
public sealed class WorkoutTextAttackTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    private SandboxStore Store => Host.Server.Sandbox!.Store;

    private static readonly (string What, string Character)[] HiddenCharacters =
    [
        ("NUL", "\u0000"),
        ("escape (terminal colours)", "\u001b[31m"),
        ("bell", "\u0007"),
        ("delete", "\u007f"),
        ("C1 control", "\u0085"),
        ("right-to-left override", "\u202e"),
        ("left-to-right isolate", "\u2066"),
        ("pop directional formatting", "\u202c"),
    ];

    [Fact]
    public async Task Push_refuses_hidden_characters_in_the_name_and_the_text_naming_the_argument()
    {
        var day = FreeDay(61);
        var before = await DataSnapshot.TakeAsync(Host);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("cyclist"));
        foreach (var (what, character) in HiddenCharacters)
        {
            var args = Push(day, "Tempo" + character + "gnir", "- 40m 85%");
            var result = await client.CallToolAsync("push_workout", args);
            Assert.True(result.IsError == true, $"{what} in the name was accepted: {result.Text()}");
            Assert.Contains("'name'", result.Text(), StringComparison.Ordinal);
            Assert.Contains("U+", result.Text(), StringComparison.Ordinal);
            Assert.DoesNotContain("\"confirm\"", System.Text.Json.JsonSerializer.Serialize(result.StructuredContent), StringComparison.Ordinal);

            var forced = await client.CallToolAsync("push_workout", new Dictionary<string, object?>(args) { ["confirm"] = "x" });
            Assert.True(forced.IsError == true, forced.Text());

            var text = await client.CallToolAsync("push_workout", Push(day, "Tempo", "Warmup\n- 10m 50%" + character + "\n\n- 40m 85%"));
            Assert.True(text.IsError == true, $"{what} in the description was accepted: {text.Text()}");
            Assert.Contains("'description'", text.Text(), StringComparison.Ordinal);
            Assert.Contains("line 2", text.Text(), StringComparison.Ordinal);
            Assert.DoesNotContain("\"confirm\"", System.Text.Json.JsonSerializer.Serialize(text.StructuredContent), StringComparison.Ordinal);
        }

        await before.AssertUnchangedAsync(Host, "hidden characters in workout names and text");
    }

    [Fact]
    public async Task Edit_refuses_hidden_characters_in_the_new_name_and_text()
    {
        var today = Store.Today(SandboxPrincipals.CyclistId);
        var planned = Store.GetEvents(SandboxPrincipals.CyclistId, today.AddDays(1), today.AddDays(20)).First(e => e.Category == "WORKOUT");
        var before = await DataSnapshot.TakeAsync(Host);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("cyclist"));
        var name = await client.CallToolAsync("edit_workout", new Dictionary<string, object?> { ["event_id"] = planned.Id, ["new_name"] = "Easy\u202e" });
        Assert.True(name.IsError == true, name.Text());
        Assert.Contains("'new_name'", name.Text(), StringComparison.Ordinal);
        var text = await client.CallToolAsync("edit_workout", new Dictionary<string, object?> { ["event_id"] = planned.Id, ["new_description"] = "- 30m 60%\u0000" });
        Assert.True(text.IsError == true, text.Text());
        Assert.Contains("'new_description'", text.Text(), StringComparison.Ordinal);
        await before.AssertUnchangedAsync(Host, "hidden characters in an edit");
    }

    [Fact]
    public async Task Ordinary_tabs_line_breaks_and_non_Latin_letters_are_still_accepted()
    {
        var day = FreeDay(63);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("cyclist"));
        var result = await client.CallToolAsync("push_workout", Push(day, "Entraînement · 練習 🚴", "Warmup\r\n- 10m 50%\t\n\nMain\n- 40m 85%"));
        Assert.True(result.IsError != true, result.Text());
        Assert.Equal("dry_run", result.Structured().GetProperty("status").GetString());
    }

    [Fact]
    public async Task Broken_UTF_16_escapes_in_workout_text_are_refused_over_the_wire()
    {
        var url = Host.DemoUrl("cyclist");
        var before = await DataSnapshot.TakeAsync(Host);
        foreach (var (what, escape) in new[] { ("lone high surrogate", "\\ud800"), ("lone low surrogate", "\\udc00"), ("reversed surrogate pair", "\\udc00\\ud800") })
        {
            var body = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"push_workout\",\"arguments\":{" +
                $"\"date\":\"{Day(FreeDay(64))}\",\"name\":\"Bad{escape}\",\"sport\":\"Ride\",\"description\":\"- 10m 50%{escape}\"}}}}}}";
            using var response = await Attack.Http.SendAsync(Attack.JsonRpc(url, body));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {text}");
            Assert.DoesNotContain("\"confirm\"", text, StringComparison.Ordinal);
            Assert.True(text.Contains("\"error\"", StringComparison.Ordinal) || text.Contains("\"isError\":true", StringComparison.Ordinal), $"{what} was not refused: {text}");
            Attack.AssertNoStackTrace(text);
        }

        await before.AssertUnchangedAsync(Host, "broken UTF-16 escapes");
    }

    [Fact]
    public async Task Invalid_UTF_8_bytes_in_workout_text_are_refused_instead_of_being_written_as_replacement_characters()
    {
        var url = Host.DemoUrl("cyclist");
        var before = await DataSnapshot.TakeAsync(Host);
        foreach (var (argument, bytes) in new (string, byte[])[] { ("name", [0xC3, 0x28]), ("name", [0xFF, 0xFE]), ("description", [0xC0, 0xAF]), ("description", [0xED, 0xA0, 0x80]) })
        {
            var name = argument == "name" ? bytes : Array.Empty<byte>();
            var text = argument == "description" ? bytes : Array.Empty<byte>();
            byte[] body =
            [
                .. Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"push_workout\",\"arguments\":{" +
                    $"\"date\":\"{Day(FreeDay(65))}\",\"sport\":\"Ride\",\"name\":\"Tempo"),
                .. name,
                .. Encoding.UTF8.GetBytes("\",\"description\":\"- 40m 85%"),
                .. text,
                .. Encoding.UTF8.GetBytes("\"}}}"),
            ];
            using var response = await Attack.Http.SendAsync(Attack.JsonRpc(url, Attack.JsonBytes(body)));
            var answer = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{argument}: {(int)response.StatusCode} {answer}");
            Assert.DoesNotContain("\"confirm\"", answer, StringComparison.Ordinal);
            if (response.StatusCode == HttpStatusCode.OK && answer.Contains("\"isError\":true", StringComparison.Ordinal))
            {
                Assert.Contains($"\\u0027{argument}\\u0027", answer, StringComparison.Ordinal);
                Assert.Contains("UTF-8", answer, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("\"error\"", answer, StringComparison.Ordinal);
            }
        }

        await before.AssertUnchangedAsync(Host, "invalid UTF-8 in workout text");
    }

    private DateOnly FreeDay(int offset)
    {
        var day = Store.Today(SandboxPrincipals.CyclistId).AddDays(offset);
        Assert.Empty(Store.GetEvents(SandboxPrincipals.CyclistId, day, day));
        return day;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Push(DateOnly day, string name, string description) => new()
    {
        ["date"] = Day(day),
        ["name"] = name,
        ["sport"] = "Ride",
        ["description"] = description,
    };
}
