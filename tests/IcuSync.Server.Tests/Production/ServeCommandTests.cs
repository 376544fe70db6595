using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IcuSync.Server.Hosting;

namespace IcuSync.Server.Tests.Production;

/// <summary>Start-ups <c>icusync serve</c> cannot make end with one clear line and exit code 2, not a crash; asking for
/// help never starts a server.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task A_taken_address_is_a_clear_refusal_with_exit_code_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var data = Directory.CreateTempSubdirectory("icusync-serve-");
        using var error = new StringWriter();
        try
        {
            var exit = await ServeCommand.RunAsync(
                ["--urls", $"http://127.0.0.1:{port}",
                 $"--Database:ConnectionString=Data Source={Path.Combine(data.FullName, "icusync.db")}",
                 $"--Smtp:PickupDirectory={Path.Combine(data.FullName, "mail")}",
                 "--Logging:LogLevel:Default=None"],
                error,
                CancellationToken.None);

            Assert.Equal(2, exit);
            var text = error.ToString();
            Assert.Contains($"127.0.0.1:{port}", text, StringComparison.Ordinal);
            Assert.Contains("choose another address with --urls", text, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_as_the_first_option_prints_the_usage_and_starts_no_server(string option)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "icusync.dll"));
        info.ArgumentList.Add(option);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"icusync {option} was still running after 60 s: it started a server instead of printing the usage.");
        }

        Assert.Equal(0, process.ExitCode);
        var text = await output + await errors;
        Assert.Contains("Usage:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", text, StringComparison.Ordinal);
    }
}
