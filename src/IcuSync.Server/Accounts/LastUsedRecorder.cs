using System.Collections.Concurrent;
using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Accounts;

/// <summary>
/// Writes tokens' last-used times off the request path, in batches. A call only notes its token here; every
/// <see cref="AccountsOptions.LastUsedFlushInterval"/> the noted tokens are written together in one statement per 500
/// tokens, and stopping the server writes what is left.
/// </summary>
/// <remarks>
/// Written one by one, the stamps of tokens first used together came due together one resolution later, and each was
/// a write transaction inside a call: a load run of 1,000 tokens stalled the server for about half a second every
/// minute. A batch is written with the latest time noted in it, so a stored time can be later than the token's actual
/// last call by at most the flush interval, well inside <see cref="AccountsOptions.LastUsedResolution"/>; a stored
/// time never moves back. A process that is killed loses at most one interval of notes.
/// </remarks>
public sealed partial class LastUsedRecorder(
    IDbContextFactory<IcuSyncDbContext> dbFactory,
    IOptions<AccountsOptions> options,
    ILogger<LastUsedRecorder> logger) : BackgroundService
{
    private const int BatchSize = 500;

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> pending = new();
    private readonly SemaphoreSlim flushing = new(1, 1);

    /// <summary>Notes a call of the token at <paramref name="usedAt"/>; the time is written at the next flush.</summary>
    public void Record(Guid tokenId, DateTimeOffset usedAt) =>
        pending.AddOrUpdate(tokenId, usedAt, (_, known) => usedAt > known ? usedAt : known);

    /// <summary>The later of a stored last-used time and the one noted for the token here and not yet written.</summary>
    public DateTimeOffset? Latest(Guid tokenId, DateTimeOffset? stored) =>
        pending.TryGetValue(tokenId, out var noted) && (stored is null || noted > stored) ? noted : stored;

    /// <summary>The tokens noted and not yet written.</summary>
    public int Pending => pending.Count;

    /// <summary>Writes every noted time now; returns how many tokens were written.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        await flushing.WaitAsync(cancellationToken);
        try
        {
            var batch = new List<KeyValuePair<Guid, DateTimeOffset>>(Math.Min(pending.Count, BatchSize));
            var written = 0;
            foreach (var id in pending.Keys)
            {
                if (pending.TryRemove(id, out var usedAt))
                {
                    batch.Add(new(id, usedAt));
                }

                if (batch.Count == BatchSize)
                {
                    written += await WriteAsync(batch, cancellationToken);
                    batch.Clear();
                }
            }

            return batch.Count > 0 ? written + await WriteAsync(batch, cancellationToken) : written;
        }
        finally
        {
            flushing.Release();
        }
    }

    private async Task<int> WriteAsync(List<KeyValuePair<Guid, DateTimeOffset>> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Select(b => b.Key).ToList();
        var latest = batch.Max(b => b.Value);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.McpTokens
                .Where(t => ids.Contains(t.Id) && (t.LastUsedAt == null || t.LastUsedAt < latest))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, latest), cancellationToken);
            return batch.Count;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A busy or unreachable database: keep the notes for the next flush (a newer note of the same token wins).
            foreach (var (id, usedAt) in batch)
            {
                Record(id, usedAt);
            }

            LogFlushFailed(logger, batch.Count, error.GetType().Name);
            return 0;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LastUsedFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    public override void Dispose()
    {
        flushing.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 5501, Level = LogLevel.Warning, Message = "Could not write the last-used time of {Count} tokens ({Error}); retrying at the next flush.")]
    private static partial void LogFlushFailed(ILogger logger, int count, string error);
}
