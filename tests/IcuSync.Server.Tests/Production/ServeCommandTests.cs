using System.Net;
using System.Net.Sockets;
using IcuSync.Server.Hosting;

namespace IcuSync.Server.Tests.Production;

/// <summary>Start-ups <c>icusync serve</c> cannot make end with one clear line and exit code 2, not a crash.</summary>
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
}
