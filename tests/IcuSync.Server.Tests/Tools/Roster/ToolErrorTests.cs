using System.Collections.Concurrent;
using System.Text.Json;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;
using IcuSync.Server.Tests.Infrastructure;
using IcuSync.Server.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static IcuSync.Server.Tests.Tools.Roster.RosterTestKit;

namespace IcuSync.Server.Tests.Tools.Roster;

/// <summary>
/// How tool errors reach the model and the log: the same text the SDK would send, one Information line instead of an
/// error with a stack trace, refusals that say what is missing, and upstream field errors passed on.
/// </summary>
public sealed class ToolErrorTests(ToolErrorTests.LoggedHost fixture) : IClassFixture<ToolErrorTests.LoggedHost>
{
    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task A_tool_error_keeps_the_sdk_text_and_logs_one_information_line_without_arguments()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));

        var before = fixture.Logs.Entries.Count;

        var result = await client.CallAsync("get_training_history", ("start_date", "last-tuesday-secret"));

        AssertRefused(result, "An error occurred invoking 'get_training_history': Invalid argument 'start_date'", "YYYY-MM-DD");
        var entries = fixture.Logs.Entries.Skip(before).ToList();
        var lines = entries.Where(e => e.Category == McpSetup.ToolCallsCategory).ToList();
        var line = Assert.Single(lines);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("get_training_history", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("last-tuesday-secret", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(entries, e => e.Exception is not null);
    }

    [Theory]
    [InlineData("get_training_history", "limit", "\"lots\"", "expected a whole number (or leave it out), got a string", "not \"30\"")]
    [InlineData("get_training_history", "limit", "2.5", "expected a whole number (or leave it out), got a fractional number", "bare JSON number")]
    [InlineData("get_training_history", "start_date", "{\"day\":1}", "expected a string (or leave it out), got an object", "JSON string")]
    public async Task An_argument_of_the_wrong_json_type_is_refused_naming_it_and_the_type(string tool, string argument, string json, string expected, string fix)
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));
        var before = fixture.Logs.Entries.Count;

        var result = await client.CallToolAsync(tool, new Dictionary<string, object?> { [argument] = JsonDocument.Parse(json).RootElement });

        AssertRefused(result, $"Invalid argument '{argument}': {expected}", fix);
        Attack.AssertNoStackTrace(result.Text());
        Assert.DoesNotContain(fixture.Logs.Entries.Skip(before), e => e.Level >= LogLevel.Error || e.Exception is not null);
    }

    [Fact]
    public async Task An_invalid_request_upstream_passes_on_the_field_intervals_icu_named()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));

        // Well-formed but unknown activity types pass the server's checks; Intervals.icu (the sandbox) rejects them.
        var result = await client.CallAsync("get_power_curves", ("sport", "Hovercraft"));

        AssertRefused(result, "Intervals.icu refused the request as invalid", "Invalid value 'Hovercraft' for 'type'");
        Assert.DoesNotContain("sandbox-key", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_of_the_other_profile_is_refused_naming_the_profile_parameter()
    {
        await using var classic = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));
        await using var intents = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete") + "?profile=intents");

        var intentOnClassic = await classic.CallAsync("plan_training");
        var classicOnIntents = await intents.CallAsync("get_training_history");
        var unknown = await classic.CallAsync("make_coffee");

        AssertRefused(intentOnClassic, "'plan_training' is not in this connection's 'classic' tool profile", "?profile=intents");
        AssertRefused(classicOnIntents, "'get_training_history' is not in this connection's 'intents' tool profile", "?profile=classic");
        AssertRefused(unknown, "There is no tool 'make_coffee'", "tools/list");
    }

    [Theory]
    [InlineData("Field 'start_date_local' must be an ISO-8601 date, contact ops@example.com", "Field 'start_date_local' must be an ISO-8601 date, contact [email]")]
    [InlineData("line one\r\nline \"two\"", "line one line two")]
    public void Upstream_detail_is_flattened_and_masks_emails(string serverMessage, string expected)
    {
        var error = new IntervalsException(IntervalsErrorKind.InvalidRequest, "safe", 422, null, "createEvent", serverMessage, null);

        var message = ToolFailure.FromIntervals(error).Message;

        Assert.Contains($"(it said: \"{expected}\")", message, StringComparison.Ordinal);
        Assert.DoesNotContain("@", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Upstream_detail_is_trimmed_and_absent_detail_adds_nothing()
    {
        var longText = "Field 'x' is invalid: " + new string('y', 500);
        var trimmed = ToolFailure.FromIntervals(new IntervalsException(IntervalsErrorKind.InvalidRequest, "safe", 400, null, "op", longText, null)).Message;
        var none = ToolFailure.FromIntervals(new IntervalsException(IntervalsErrorKind.InvalidRequest, "safe")).Message;

        Assert.Contains("Field 'x' is invalid", trimmed, StringComparison.Ordinal);
        Assert.Contains("…", trimmed, StringComparison.Ordinal);
        Assert.True(trimmed.Length < ToolFailure.MaxUpstreamDetail + 200, $"{trimmed.Length} characters");
        Assert.StartsWith("Intervals.icu refused the request as invalid. Check the arguments", none, StringComparison.Ordinal);
    }

    /// <summary>One host for the class, with tool-call outcomes logged at Information into <see cref="Logs"/>.</summary>
    public sealed class LoggedHost : IAsyncLifetime
    {
        private IcuSyncTestHost? _host;

        public LogCapture Logs { get; } = new();

        public IcuSyncTestHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

        public async Task InitializeAsync()
        {
            _host = await IcuSyncTestHost.StartAsync(settings: new Dictionary<string, string?>
            {
                [$"Logging:LogLevel:{McpSetup.ToolCallsCategory}"] = "Information",
            });
            _host.Server.App.Services.GetRequiredService<ILoggerFactory>().AddProvider(Logs);
        }

        public async Task DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }
        }
    }

    public sealed class LogCapture : ILoggerProvider
    {
        public ConcurrentQueue<LogEntry> Queue { get; } = new();

        public IReadOnlyList<LogEntry> Entries => [.. Queue];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCapture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Queue.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
        }
    }

    public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);
}
