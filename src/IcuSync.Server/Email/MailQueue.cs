using System.Threading.Channels;

namespace IcuSync.Server.Email;

/// <summary>
/// Work that ends in a mail, run one item at a time after the web request that asked for it has been answered, so the
/// answer's timing does not depend on what the work finds (a known or an unknown email) or on how slow SMTP is.
/// Stopping the host drains the queue: everything queued before the stop is still done, within the host's
/// <c>ShutdownTimeout</c>. While the queue is not running (a command without the web host, or during shutdown),
/// <see cref="TryEnqueue"/> refuses and the caller does the work itself, so nothing is lost.
/// </summary>
public sealed partial class MailQueue(ILogger<MailQueue> logger) : IHostedService, IDisposable
{
    private readonly Channel<Func<CancellationToken, Task>> queue =
        Channel.CreateUnbounded<Func<CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Lock gate = new();
    private CancellationTokenSource stopping = new();
    private CancellationTokenSource abort = new();
    private Task loop = Task.CompletedTask;
    private bool running;

    /// <summary>Queues <paramref name="work"/>; false when the queue is not running (then run it yourself).</summary>
    /// <param name="work">The work; its token is cancelled only when shutdown runs out of time.</param>
    public bool TryEnqueue(Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (gate)
        {
            return running && queue.Writer.TryWrite(work);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!running)
            {
                stopping.Dispose();
                abort.Dispose();
                stopping = new CancellationTokenSource();
                abort = new CancellationTokenSource();
                var (stop, cancel) = (stopping.Token, abort.Token);
                loop = Task.Run(() => RunAsync(stop, cancel), CancellationToken.None);
                running = true;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops taking work and returns once everything queued is done, or gives up when <paramref name="cancellationToken"/> fires.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task current;
        CancellationTokenSource cancel;
        lock (gate)
        {
            if (!running)
            {
                return;
            }

            running = false;
            current = loop;
            cancel = abort;
            stopping.Cancel();
        }

        await using (cancellationToken.Register(cancel.Cancel))
        {
            await current;
        }
    }

    public void Dispose()
    {
        stopping.Dispose();
        abort.Dispose();
    }

    private async Task RunAsync(CancellationToken stop, CancellationToken cancel)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stop))
            {
                while (queue.Reader.TryRead(out var work))
                {
                    await RunOneAsync(work, cancel);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: drain below.
        }

        var drained = 0;
        while (queue.Reader.TryRead(out var work))
        {
            await RunOneAsync(work, cancel);
            drained++;
        }

        if (drained > 0)
        {
            LogDrained(logger, drained);
        }
    }

    private async Task RunOneAsync(Func<CancellationToken, Task> work, CancellationToken cancel)
    {
        try
        {
            await work(cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            LogAbandoned(logger);
        }
        catch (Exception error)
        {
            // The work logs its own delivery problems; this is the last line for a bug, without any mail content.
            LogFailed(logger, error.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Mail queue drained {Count} item(s) while stopping")]
    private static partial void LogDrained(ILogger logger, int count);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Warning, Message = "Queued mail abandoned: shutdown ran out of time (raise ShutdownTimeout if this repeats)")]
    private static partial void LogAbandoned(ILogger logger);

    [LoggerMessage(EventId = 5403, Level = LogLevel.Error, Message = "Queued mail work failed ({ErrorType})")]
    private static partial void LogFailed(ILogger logger, string errorType);
}
