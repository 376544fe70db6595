namespace IcuSync.Server.Tests.Infrastructure;

/// <summary>One host on SQLite and the sandbox, shared by the tests of a class.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    private IcuSyncTestHost? _host;

    public IcuSyncTestHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _host = await IcuSyncTestHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
