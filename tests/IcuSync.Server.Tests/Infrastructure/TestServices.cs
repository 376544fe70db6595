using System.Net;
using System.Net.Sockets;

namespace IcuSync.Server.Tests.Infrastructure;

/// <summary>The loopback services scripts/test.sh starts (scripts/services.sh): fail loudly when one is missing.</summary>
public static class TestServices
{
    private const string Hint = "Run the tests with scripts/test.sh, or `source scripts/services.sh && icusync_services_up` first.";

    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable("ICUSYNC_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("ICUSYNC_TEST_POSTGRES is not set. " + Hint);

    public static int SmtpPort =>
        int.TryParse(Environment.GetEnvironmentVariable("ICUSYNC_TEST_SMTP_PORT"), out var port)
            ? port
            : throw new InvalidOperationException("ICUSYNC_TEST_SMTP_PORT is not set. " + Hint);

    public static string MailDirectory =>
        Environment.GetEnvironmentVariable("ICUSYNC_TEST_MAILDIR") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("ICUSYNC_TEST_MAILDIR is not set. " + Hint);

    /// <summary>host:port of the test redis-server.</summary>
    public static string Redis =>
        Environment.GetEnvironmentVariable("ICUSYNC_TEST_REDIS") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("ICUSYNC_TEST_REDIS is not set. " + Hint);

    /// <summary>A free TCP port on 127.0.0.1 (the host needs its public URL before it starts).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
