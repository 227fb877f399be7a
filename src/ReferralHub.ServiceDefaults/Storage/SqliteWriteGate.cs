using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReferralHub.ServiceDefaults.Storage;

/// <summary>
/// One writer at a time for an embedded SQLite file, queued inside the process. SQLite lets one connection write a
/// file at a time; any other gets SQLITE_BUSY, on which Microsoft.Data.Sqlite blocks its thread for 150 ms and tries
/// again — under load most of the hub's wall-clock time went to those sleeps, with the CPU idle. Here a writer waits
/// for its turn without a thread and starts the moment the previous one ends. A transaction holds the gate from BEGIN
/// until it commits, rolls back, fails or its connection closes; a write outside a transaction (a bulk update or
/// delete) holds it for that command; every SaveChanges runs in a transaction, so even a single-row one takes its
/// turn. Readers never wait: the files are in WAL mode. One gate per service, as each service has its own file.
/// </summary>
public sealed class SqliteWriteGate<TContext> : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor, ISaveChangesInterceptor, IDisposable
    where TContext : DbContext
{
    /// <summary>As long as the connection string's <c>Default Timeout</c> lets SQLite itself wait.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<Guid, bool> holders = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        InTransaction(eventData);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        InTransaction(eventData);
        return ValueTask.FromResult(result);
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(eventData.ConnectionId, cancellationToken);
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Enter(eventData.ConnectionId);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.ConnectionId);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Left(eventData.ConnectionId);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.ConnectionId);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Left(eventData.ConnectionId);

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(eventData.ConnectionId);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        Left(eventData.ConnectionId);

    // A transaction disposed without commit or rollback is rolled back by SQLite; EF reports only the connection closing.
    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Leave(eventData.ConnectionId);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => Left(eventData.ConnectionId);

    public void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Leave(eventData.ConnectionId);

    public Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData) => Left(eventData.ConnectionId);

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.Transaction is null)
        {
            await EnterAsync(eventData.ConnectionId, cancellationToken);
        }

        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (command.Transaction is null)
        {
            Enter(eventData.ConnectionId);
        }

        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        LeaveAfterCommand(command, eventData);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        LeaveAfterCommand(command, eventData);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => LeaveAfterCommand(command, eventData);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveAfterCommand(command, eventData);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => LeaveAfterCommand(command, eventData);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveAfterCommand(command, eventData);
        return Task.CompletedTask;
    }

    public void Dispose() => gate.Dispose();

    private static void InTransaction(DbContextEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        }
    }

    private async Task EnterAsync(Guid connection, CancellationToken cancellationToken)
    {
        if (!await gate.WaitAsync(WaitLimit, cancellationToken))
        {
            throw new TimeoutException($"No turn to write the database within {WaitLimit.TotalSeconds:0} s.");
        }

        holders[connection] = true;
    }

    private void Enter(Guid connection)
    {
        if (!gate.Wait(WaitLimit))
        {
            throw new TimeoutException($"No turn to write the database within {WaitLimit.TotalSeconds:0} s.");
        }

        holders[connection] = true;
    }

    /// <summary>Only a command that entered on its own: one inside a transaction runs on the transaction's turn.</summary>
    private void LeaveAfterCommand(DbCommand command, CommandEndEventData eventData)
    {
        if (command.Transaction is null && eventData.ExecuteMethod == DbCommandMethod.ExecuteNonQuery)
        {
            Leave(eventData.ConnectionId);
        }
    }

    private void Leave(Guid connection)
    {
        if (holders.TryRemove(connection, out _))
        {
            gate.Release();
        }
    }

    private Task Left(Guid connection)
    {
        Leave(connection);
        return Task.CompletedTask;
    }
}
