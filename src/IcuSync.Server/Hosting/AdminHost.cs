using IcuSync.Server.Accounts;
using IcuSync.Server.Cli;

namespace IcuSync.Server.Hosting;

/// <summary><c>icusync admin</c>: the account services over the configured database, without the web server.</summary>
public static class AdminHost
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ApplicationName = "icusync" });
        builder.Configuration.AddEnvironmentVariables("ICUSYNC_");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddIcuSyncServices(builder.Configuration);
        using var host = builder.Build();
        return await AdminCommand.RunAsync(host.Services, args, Console.Out, Console.Error, cancellationToken);
    }
}
