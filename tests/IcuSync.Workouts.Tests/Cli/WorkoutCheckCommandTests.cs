using System.Text.Json;
using IcuSync.Workouts.Cli;

namespace IcuSync.Workouts.Tests.Cli;

public sealed class WorkoutCheckCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("icusync-workout-check-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string WriteFile(string text, string name = "workout.txt")
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(string[] args, string stdin = "", bool colour = false)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = WorkoutCheckCommand.Run(args, input, output, error, colour);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Run_valid_file_exits_0_and_prints_the_totals()
    {
        var path = WriteFile(Corpus.SeedTexts.CorrectRepeatStructure);

        var (exit, output, error) = Run([path]);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Contains("✓ valid workout", output, StringComparison.Ordinal);
        Assert.Contains("duration 0:45", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_file_with_errors_exits_1_and_prints_each_finding_with_its_fix()
    {
        var path = WriteFile("Warmup\n- 10min 60%\n\n- 400m Z2");

        var (exit, output, _) = Run([path, "--sport", "Run"]);

        Assert.Equal(1, exit);
        Assert.Contains("✗ 3 errors", output, StringComparison.Ordinal);
        Assert.Contains("W001 line 2:3", output, StringComparison.Ordinal);
        Assert.Contains("fix: - 10m 60%", output, StringComparison.Ordinal);
        Assert.Contains("W003 line 4:3", output, StringComparison.Ordinal);
        Assert.Contains("fix: - 400mtr Z2 HR", output, StringComparison.Ordinal);
        Assert.Contains("canonical text:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-")]
    [InlineData(null)]
    public void Run_reads_standard_input_when_the_file_is_a_dash_or_missing(string? file)
    {
        string[] args = file is null ? ["--json"] : [file, "--json"];

        var (exit, output, _) = Run(args, stdin: "- 1h Z2 HR\n");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3600, json.RootElement.GetProperty("duration_s").GetInt32());
    }

    [Fact]
    public void Run_json_prints_exactly_one_object_with_the_documented_fields()
    {
        var path = WriteFile(Corpus.SeedTexts.DistanceIntervals);

        var (exit, output, _) = Run([path, "--sport=Run", "--json", "--duration", "1:00"]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(
            ["valid", "errors", "warnings", "duration_s", "distance_m", "canonical"],
            root.EnumerateObject().Select(static p => p.Name));
        Assert.True(root.GetProperty("valid").GetBoolean());
        Assert.Equal(0, root.GetProperty("errors").GetArrayLength());
        var warning = root.GetProperty("warnings")[0];
        Assert.Equal(["code", "line", "message", "fix"], warning.EnumerateObject().Select(static p => p.Name));
        Assert.Equal("W103", warning.GetProperty("code").GetString());
        Assert.Equal(12874.8, root.GetProperty("distance_m").GetDouble());
        Assert.StartsWith("Warmup\n- 1mi Z1 HR\n\nMain Set 4x", root.GetProperty("canonical").GetString(), StringComparison.Ordinal);
        Assert.Equal(output.TrimEnd().Length, output.TrimEnd().LastIndexOf('}') + 1);
    }

    [Fact]
    public void Run_threshold_pace_times_distance_steps_and_duration_mismatch_warns()
    {
        var path = WriteFile(Corpus.SeedTexts.DistanceIntervals);

        var (exit, output, _) = Run([path, "--sport", "run", "--threshold-pace", "4:30/km", "--duration", "1:00", "--json"]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(4287, json.RootElement.GetProperty("duration_s").GetInt32());
        Assert.Equal(
            ["W101", "W102"],
            json.RootElement.GetProperty("warnings").EnumerateArray().Select(static w => w.GetProperty("code").GetString()).Order());
    }

    [Fact]
    public void Run_errors_in_json_carry_code_line_message_and_fix()
    {
        var (exit, output, _) = Run(["--json"], stdin: "- 5m 95-105");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var error = json.RootElement.GetProperty("errors")[0];
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("W004", error.GetProperty("code").GetString());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.Equal("- 5m 95-105%", error.GetProperty("fix").GetString());
    }

    [Fact]
    public void Run_colours_only_when_asked()
    {
        var plain = Run([], stdin: "- 10min 60%");
        var coloured = Run([], stdin: "- 10min 60%", colour: true);

        Assert.DoesNotContain('\u001b', plain.Out);
        Assert.Contains("\u001b[31m", coloured.Out, StringComparison.Ordinal);
        Assert.Equal(1, coloured.Exit);
    }

    [Theory]
    [InlineData(new[] { "--sport", "Rowboat" }, "--sport 'Rowboat'")]
    [InlineData(new[] { "--duration", "ninety" }, "--duration 'ninety'")]
    [InlineData(new[] { "--duration", "1:75" }, "--duration '1:75'")]
    [InlineData(new[] { "--ftp", "-5" }, "--ftp '-5'")]
    [InlineData(new[] { "--ftp" }, "--ftp needs a value")]
    [InlineData(new[] { "--threshold-pace", "fast" }, "--threshold-pace 'fast'")]
    [InlineData(new[] { "--verbose" }, "unknown option '--verbose'")]
    [InlineData(new[] { "a.txt", "b.txt" }, "only one input")]
    public void Run_usage_errors_exit_2_and_name_the_problem(string[] args, string message)
    {
        var (exit, output, error) = Run(args);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("usage: icusync workout check", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_missing_file_is_a_usage_error()
    {
        var missing = Path.Combine(directory, "nope.txt");

        var (exit, _, error) = Run([missing]);

        Assert.Equal(2, exit);
        Assert.Contains($"file '{missing}' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_help_prints_usage_and_exits_0()
    {
        var (exit, output, _) = Run(["--help"]);

        Assert.Equal(0, exit);
        Assert.Contains("usage: icusync workout check", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ftp_adds_the_load_to_the_human_output()
    {
        var path = WriteFile(Corpus.SeedTexts.ApiWorkedExample);

        var (exit, output, _) = Run([path, "--ftp", "250"]);

        Assert.Equal(0, exit);
        Assert.Contains("load 62 (IF 0.82, NP 204 W)", output, StringComparison.Ordinal);
    }
}
