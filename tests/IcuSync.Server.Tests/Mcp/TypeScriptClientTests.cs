using System.Diagnostics;
using System.Text.Json;
using IcuSync.Server.Tests.Infrastructure;

namespace IcuSync.Server.Tests.Mcp;

/// <summary>
/// The official TypeScript MCP SDK (from npm) lists and calls tools against the running server. It validates
/// structured content against each tool's output schema, which the .NET client does not, so it also guards
/// the schema/nulls contract.
/// </summary>
public sealed class TypeScriptClientTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_TypeScript_SDK_lists_and_calls_tools_with_schema_valid_results()
    {
        var folder = FindClientFolder();
        await EnsureInstalledAsync(folder);

        var url = fixture.Host.DemoUrl("Cyclist");
        var output = await RunAsync("node", folder, "check.mjs", url, "get_training_history", """{"sport":"Ride"}""");
        using var json = JsonDocument.Parse(output);
        var tools = json.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("get_training_history", tools);
        Assert.Contains("list_athletes", tools);
        var result = json.RootElement.GetProperty("result");
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), output);
        Assert.True(result.GetProperty("structuredContent").GetProperty("totals").GetProperty("sessions").GetInt32() > 0);
    }

    private static string FindClientFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "ts-client");
            if (File.Exists(Path.Combine(candidate, "check.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/ts-client not found above " + AppContext.BaseDirectory);
    }

    private static async Task EnsureInstalledAsync(string folder)
    {
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@modelcontextprotocol", "sdk")))
        {
            await RunAsync("npm", folder, "install", "--no-audit", "--no-fund", "--loglevel=error");
        }
    }

    private static async Task<string> RunAsync(string file, string folder, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed: {await stderr}");
        return await stdout;
    }
}
