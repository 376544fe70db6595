using System.Collections.Concurrent;
using System.Data.Common;
using IcuSync.Server.Accounts;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IcuSync.Server.Tests.Infrastructure;

/// <summary>
/// Records each command EF Core sends (its SQL text, parameter values and names), for tests that check what reaches the
/// database. Register it as an <see cref="IInterceptor"/> service; the server's context factory picks it up. Registered
/// as an <see cref="IAccessCommandObserver"/> too, it also records the plain commands of <see cref="AccessReader"/>.
/// </summary>
internal sealed class DbCommandRecorder : DbCommandInterceptor, IAccessCommandObserver
{
    private readonly ConcurrentQueue<RecordedCommand> commands = new();

    public IReadOnlyList<RecordedCommand> Commands => [.. commands];

    public void Clear() => commands.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        // Synchronous queries too: Data Protection's key repository reads its keys synchronously.
        Record(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return base.NonQueryExecuting(command, eventData, result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return base.ScalarExecuting(command, eventData, result);
    }

    public void Executing(DbCommand command) => Record(command);

    private void Record(DbCommand command) => commands.Enqueue(new RecordedCommand(
        command.CommandText,
        [.. command.Parameters.Cast<DbParameter>().Select(p => p.Value)],
        [.. command.Parameters.Cast<DbParameter>().Select(p => p.ParameterName)]));
}

internal sealed record RecordedCommand(string Text, IReadOnlyList<object?> Parameters, IReadOnlyList<string> ParameterNames);
