using System.Globalization;
using System.Text;
using System.Text.Json;
using IcuSync.Analytics.Cli;

namespace IcuSync.Analytics.Tests.Cli;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("icusync-analyze-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => RunWithInput(string.Empty, args);

    private static (int Code, string Out, string Err) RunWithInput(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = AnalyzeCommand.Run(args, input, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string StreamCsv(int seconds, Func<int, string> row, string header = "watts,heartrate")
    {
        var text = new StringBuilder(header).Append('\n');
        for (var i = 0; i < seconds; i++)
        {
            text.Append(row(i)).Append('\n');
        }

        return text.ToString();
    }

    private static string DailyCsv(string header, IEnumerable<(DateOnly Date, string Value)> rows) =>
        header + "\n" + string.Concat(rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Date:yyyy-MM-dd},{r.Value}\n")));

    private static void AssertOneLineError((int Code, string Out, string Err) result, params string[] mentions)
    {
        Assert.Equal(AnalyzeCommand.BadInput, result.Code);
        Assert.Equal(string.Empty, result.Out);
        var line = result.Err.TrimEnd('\n', '\r');
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Stream_json_reports_the_closed_form_numbers_of_a_steady_hour()
    {
        var path = Write("ride.csv", StreamCsv(3600, i => i < 1800 ? "250,150" : "250,160"));

        var (code, output, _) = Run("stream", path, "--ftp", "250", "--cp", "240", "--w-prime", "20000", "--durations", "1,60,3600", "--best-efforts", "600:2", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(3600, root.GetProperty("duration_s").GetInt32());
        Assert.Equal(250, root.GetProperty("avg_power").GetDouble(), 9);
        Assert.Equal(250, root.GetProperty("np").GetDouble(), 9);
        Assert.Equal(1, root.GetProperty("if").GetDouble(), 9);
        Assert.Equal(100, root.GetProperty("load").GetDouble(), 9);
        Assert.Equal(1, root.GetProperty("vi").GetDouble(), 9);
        Assert.Equal(900, root.GetProperty("work_kj").GetDouble(), 9);
        Assert.Equal(155, root.GetProperty("avg_hr").GetDouble(), 9);
        Assert.Equal(250 / 155.0, root.GetProperty("ef").GetDouble(), 9);
        Assert.Equal(6.25, root.GetProperty("decoupling_pct").GetDouble(), 9);
        Assert.Equal(250, root.GetProperty("mmp").GetProperty("3600").GetDouble(), 9);
        Assert.Equal(160, root.GetProperty("mmhr").GetProperty("60").GetDouble(), 9);
        Assert.Equal(3600, root.GetProperty("time_in_zones_s")[3].GetDouble());
        Assert.Equal(7, root.GetProperty("time_in_zones_s").GetArrayLength());
        var efforts = root.GetProperty("best_efforts");
        Assert.Equal(2, efforts.GetArrayLength());
        Assert.Equal(599, efforts[0].GetProperty("end_index").GetInt32());
        Assert.Equal(250, efforts[0].GetProperty("mean").GetDouble(), 9);
        var wbal = root.GetProperty("wbal");
        Assert.Equal("differential", wbal.GetProperty("model").GetString());
        Assert.Equal(-16_000, wbal.GetProperty("min_j").GetDouble(), 6);
        Assert.Equal(3600, wbal.GetProperty("min_at_s").GetInt32());
    }

    [Fact]
    public void Stream_without_thresholds_reports_nulls_for_what_it_cannot_compute()
    {
        var path = Write("short.csv", StreamCsv(20, _ => "300,", header: "watts,heartrate"));

        var (code, output, _) = Run("stream", path, "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(300, root.GetProperty("avg_power").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("np").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("if").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("load").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("avg_hr").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("wbal").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("time_in_zones_s").ValueKind);
        Assert.Equal(300, root.GetProperty("mmp").GetProperty("10").GetDouble());
        Assert.False(root.GetProperty("mmp").TryGetProperty("30", out _));
    }

    [Fact]
    public void Stream_options_choose_the_integral_wbal_zones_in_watts_and_heart_rate_load()
    {
        var path = Write("hr.csv", StreamCsv(3600, _ => "170,", header: "heartrate,watts"));

        var (code, output, _) = Run("stream", path, "--lthr", "170", "--max-hr", "190", "--resting-hr", "50", "--sex", "female", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(100, json.RootElement.GetProperty("load").GetDouble(), 9);
        Assert.Equal("heart_rate", json.RootElement.GetProperty("load_source").GetString());

        var ride = Write("ride.csv", StreamCsv(600, i => i < 300 ? "400" : "100", header: "watts"));
        var (code2, output2, _) = Run("stream", ride, "--cp", "250", "--w-prime", "20000", "--wbal-model", "integral", "--power-zone-watts", "150,300", "--json");

        Assert.Equal(0, code2);
        using var json2 = JsonDocument.Parse(output2);
        Assert.Equal("integral", json2.RootElement.GetProperty("wbal").GetProperty("model").GetString());
        Assert.Equal(300, json2.RootElement.GetProperty("wbal").GetProperty("min_at_s").GetInt32());
        Assert.Equal([300.0, 0, 300], json2.RootElement.GetProperty("time_in_zones_s").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public void Stream_threshold_pace_gives_pace_load()
    {
        var path = Write("run.csv", StreamCsv(3600, _ => (1000.0 / 270).ToString("R", CultureInfo.InvariantCulture), header: "velocity_smooth"));

        var (code, output, _) = Run("stream", path, "--threshold-pace", "4:30/km", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(100, json.RootElement.GetProperty("load").GetDouble(), 6);
        Assert.Equal("pace", json.RootElement.GetProperty("load_source").GetString());
    }

    [Fact]
    public void Stream_without_json_prints_a_readable_table()
    {
        var path = Write("ride.csv", StreamCsv(120, _ => "200,140"));

        var (code, output, _) = Run("stream", path, "--ftp", "250");

        Assert.Equal(0, code);
        Assert.Contains("average power   200.0 W", output, StringComparison.Ordinal);
        Assert.Contains("IF              0.800", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_cells_and_NaN_are_dropouts_not_errors()
    {
        var path = Write("gaps.csv", "watts,heartrate\n200,140\n,\nNaN,NaN\n200,140\n");

        var (code, output, _) = Run("stream", path, "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(100, json.RootElement.GetProperty("avg_power").GetDouble());
        Assert.Equal(140, json.RootElement.GetProperty("avg_hr").GetDouble());
    }

    [Fact]
    public void Stream_reads_standard_input_for_a_dash()
    {
        var (code, output, _) = RunWithInput("watts\n100\n300\n", "stream", "-", "--json");

        Assert.Equal(0, code);
        Assert.Contains("\"avg_power\": 200", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_numeric_cell_names_its_row_and_column()
    {
        var path = Write("bad.csv", "watts,heartrate\n200,140\n210,abc\n");

        AssertOneLineError(Run("stream", path), "bad.csv", "row 3", "column 'heartrate'", "'abc' is not a number");
    }

    [Fact]
    public void A_short_row_names_the_missing_column()
    {
        var path = Write("short-row.csv", "watts,heartrate\n200,140\n210\n");

        AssertOneLineError(Run("stream", path), "row 3", "column 'heartrate'");
    }

    [Fact]
    public void A_header_without_known_columns_is_rejected()
    {
        var path = Write("unknown.csv", "power,pulse\n200,140\n");

        AssertOneLineError(Run("stream", path), "row 1", "column 'power'", "watts, heartrate");
    }

    [Theory]
    [InlineData("stream")]
    [InlineData("load")]
    [InlineData("cp")]
    [InlineData("hrv")]
    [InlineData("plateau")]
    public void An_empty_file_is_bad_input_naming_row_one(string command)
    {
        var path = Write("empty.csv", string.Empty);

        AssertOneLineError(Run(command, path), "empty.csv", "row 1", "column '", "empty");
    }

    [Fact]
    public void A_header_with_no_rows_is_bad_input()
    {
        var path = Write("header-only.csv", "date,load\n");

        AssertOneLineError(Run("load", path), "row 2", "no data rows");
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var path = Write("load.csv", "date,tss\n2024-01-01,50\n");

        AssertOneLineError(Run("load", path), "row 1", "column 'load'", "missing");
    }

    [Fact]
    public void Unsorted_dates_name_the_row_and_the_date_column()
    {
        var path = Write("load.csv", "date,load\n2024-01-02,50\n2024-01-01,60\n");

        AssertOneLineError(Run("load", path), "row 3", "column 'date'", "sort the rows by date");
    }

    [Fact]
    public void A_bad_date_names_its_row()
    {
        var path = Write("hrv.csv", "date,rmssd\n01/02/2024,50\n");

        AssertOneLineError(Run("hrv", path), "row 2", "column 'date'", "YYYY-MM-DD");
    }

    [Fact]
    public void Load_outputs_the_pmc_per_day_and_the_summary()
    {
        var start = new DateOnly(2024, 1, 1);
        var rows = Enumerable.Range(0, 28).Select(d => (start.AddDays(d), d < 21 ? "100" : "200")).ToList();
        rows.Insert(5, (start.AddDays(5), "0")); // a second activity on day 5 adds nothing
        rows.RemoveAll(r => r.Item1 == start.AddDays(10)); // a missing day is a rest day
        var path = Write("load.csv", DailyCsv("date,load", rows));

        var (code, output, _) = Run("load", path);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var days = json.RootElement.GetProperty("days");
        Assert.Equal(28, days.GetArrayLength());
        Assert.Equal("2024-01-11", days[10].GetProperty("date").GetString());
        Assert.Equal(0, days[10].GetProperty("load").GetDouble());
        Assert.Equal(100 * (1 - Math.Exp(-1 / 42.0)), days[0].GetProperty("ctl").GetDouble(), 9);
        var first = days[0];
        Assert.Equal(first.GetProperty("ctl").GetDouble() - first.GetProperty("atl").GetDouble(), first.GetProperty("tsb").GetDouble(), 12);
        Assert.Equal(days[27].GetProperty("ctl").GetDouble() - days[20].GetProperty("ctl").GetDouble(), days[27].GetProperty("ramp").GetDouble(), 9);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal((200.0 * 7) / ((100.0 * 20) + (200.0 * 7)) * 4, summary.GetProperty("acwr_rolling").GetDouble(), 9);
        Assert.True(summary.GetProperty("acwr_ewma").GetDouble() > 1);
        Assert.Equal(10, summary.GetProperty("monotony").GetDouble());
        Assert.Equal(14_000, summary.GetProperty("strain").GetDouble(), 9);
    }

    [Fact]
    public void Load_of_a_single_day_has_no_ratio_and_no_monotony()
    {
        var path = Write("one.csv", "date,load\n2024-01-01,80\n");

        var (code, output, _) = Run("load", path);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("days").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("summary").GetProperty("acwr_ewma").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("summary").GetProperty("monotony").ValueKind);
    }

    [Theory]
    [InlineData("2p-hyperbolic")]
    [InlineData("2p-linear")]
    public void Cp_fits_the_requested_two_parameter_model(string model)
    {
        var rows = new[] { 120, 180, 300, 600, 1200 }.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t},{250 + (20_000.0 / t):R}"));
        var path = Write("cp.csv", "secs,watts\n" + string.Join('\n', rows) + "\n");

        var (code, output, _) = Run("cp", path, "--model", model);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(model, root.GetProperty("model").GetString());
        Assert.Equal(250, root.GetProperty("cp").GetDouble(), 6);
        Assert.Equal(20_000, root.GetProperty("w_prime").GetDouble(), 3);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("p_max").ValueKind);
        Assert.Equal(1, root.GetProperty("r2").GetDouble(), 9);
    }

    [Fact]
    public void Cp_three_parameter_reports_p_max()
    {
        var rows = new[] { 1, 5, 30, 60, 180, 300, 600, 1200 }.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t},{260 + (18_000.0 / (t + (18_000.0 / (1100 - 260)))):R}"));
        var path = Write("cp3.csv", "secs,watts\n" + string.Join('\n', rows) + "\n");

        var (code, output, _) = Run("cp", path, "--model", "3p");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1100, json.RootElement.GetProperty("p_max").GetDouble(), 2);
        Assert.Equal(0, json.RootElement.GetProperty("unidentifiable").GetArrayLength());
    }

    [Fact]
    public void Cp_with_fewer_than_three_points_is_bad_input()
    {
        var path = Write("cp.csv", "secs,watts\n180,400\n720,300\n");

        AssertOneLineError(Run("cp", path), "column 'secs'", "at least 3 rows");
    }

    [Fact]
    public void Cp_rejects_an_unknown_model()
    {
        var path = Write("cp.csv", "secs,watts\n180,400\n360,333\n720,300\n");

        AssertOneLineError(Run("cp", path, "--model", "4p"), "'--model'", "2p-hyperbolic, 2p-linear or 3p");
    }

    [Fact]
    public void Hrv_reports_the_week_the_band_and_the_state()
    {
        var today = new DateOnly(2024, 6, 30);
        var rows = Enumerable.Range(0, 35).Select(i =>
        {
            var ln = i < 28 ? (i % 2 == 0 ? 4.0 : 4.2) : 3.9;
            return (today.AddDays(i - 34), Math.Exp(ln).ToString("R", CultureInfo.InvariantCulture));
        });
        var path = Write("hrv.csv", DailyCsv("date,rmssd", rows));

        var (code, output, _) = Run("hrv", path);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(3.9, root.GetProperty("ln_mean_7d").GetDouble(), 9);
        Assert.Equal(0, root.GetProperty("cv_7d_pct").GetDouble(), 9);
        Assert.Equal(4.05, root.GetProperty("baseline_low").GetDouble(), 9);
        Assert.Equal(4.15, root.GetProperty("baseline_high").GetDouble(), 9);
        Assert.Equal("suppressed", root.GetProperty("state").GetString());
    }

    [Fact]
    public void Hrv_with_under_seven_values_is_not_supported()
    {
        var path = Write("hrv.csv", "date,rmssd\n2024-01-01,50\n2024-01-02,\n2024-01-03,55\n");

        var (code, output, _) = Run("hrv", path);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("not_supported", json.RootElement.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("ln_mean_7d").ValueKind);
    }

    [Fact]
    public void Hrv_rejects_a_repeated_day()
    {
        var path = Write("hrv.csv", "date,rmssd\n2024-01-01,50\n2024-01-01,55\n");

        AssertOneLineError(Run("hrv", path), "row 3", "column 'date'", "appears twice");
    }

    [Fact]
    public void Plateau_reports_a_flat_tail()
    {
        var start = new DateOnly(2026, 1, 1);
        var rows = Enumerable.Range(0, 56).Select(d => (start.AddDays(d), (d < 28 ? 55 + (0.4 * d) : 66).ToString("R", CultureInfo.InvariantCulture)));
        var path = Write("ctl.csv", DailyCsv("date,ctl", rows));

        var (code, output, _) = Run("plateau", path);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("detected").GetBoolean());
        Assert.Equal("2026-01-29", root.GetProperty("start").GetString());
        Assert.Equal(28, root.GetProperty("duration_days").GetInt32());
        Assert.Equal(0, root.GetProperty("slope_per_week").GetDouble(), 9);
        Assert.Equal("flat", root.GetProperty("trend").GetString());
    }

    [Fact]
    public void Plateau_needs_28_consecutive_days()
    {
        var start = new DateOnly(2026, 1, 1);
        var shortPath = Write("short.csv", DailyCsv("date,ctl", Enumerable.Range(0, 10).Select(d => (start.AddDays(d), "60"))));
        var gapPath = Write("gap.csv", DailyCsv("date,ctl", Enumerable.Range(0, 30).Where(d => d != 12).Select(d => (start.AddDays(d), "60"))));

        AssertOneLineError(Run("plateau", shortPath), "row 11", "column 'ctl'", "at least 28 days");
        AssertOneLineError(Run("plateau", gapPath), "row 14", "column 'date'", "no gaps");
    }

    [Theory]
    [InlineData("--ftp", "abc", "'--ftp'")]
    [InlineData("--ftp", "-5", "'--ftp'")]
    [InlineData("--durations", "1,0", "'--durations'")]
    [InlineData("--best-efforts", "300", "'--best-efforts'")]
    [InlineData("--threshold-pace", "fast", "'--threshold-pace'")]
    [InlineData("--wbal-model", "integral", "'--wbal-model' needs '--cp'")]
    [InlineData("--power-zones", "55,75", "needs '--ftp'")]
    [InlineData("--cp", "250", "'--w-prime'")]
    [InlineData("--lthr", "170", "--max-hr, --resting-hr, --sex")]
    [InlineData("--bogus", "1", "unknown option '--bogus'")]
    public void Bad_options_are_named_with_the_accepted_form(string option, string value, string mention)
    {
        var path = Write("ride.csv", "watts\n200\n");

        AssertOneLineError(Run("stream", path, option, value), mention);
    }

    [Fact]
    public void A_missing_file_or_sub_command_is_bad_input()
    {
        AssertOneLineError(Run("stream", Path.Combine(Path.GetTempPath(), "no-such-dir-icusync", "x.csv")), "not found");
        AssertOneLineError(Run("stream"), "missing FILE");
        AssertOneLineError(Run(), "missing sub-command");
        AssertOneLineError(Run("power", "x.csv"), "unknown sub-command 'power'");
    }

    [Fact]
    public void Help_prints_the_usage_and_succeeds()
    {
        var (code, output, _) = Run("--help");
        var (subCode, subOutput, _) = Run("cp", "--help");

        Assert.Equal(0, code);
        Assert.Contains("icusync analyze stream FILE.csv", output, StringComparison.Ordinal);
        Assert.Equal(0, subCode);
        Assert.Contains("--model 2p-hyperbolic|2p-linear|3p", subOutput, StringComparison.Ordinal);
    }
}
