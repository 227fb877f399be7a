using Microsoft.Data.Sqlite;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Outbox;

namespace ReferralHub.Messaging.Tests;

public sealed class OutboxSignalTests : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly OutboxSignal<TestContext> signal = new();

    public OutboxSignalTests() => connection.Open();

    [Fact]
    public async Task Committing_a_queued_message_wakes_the_dispatcher()
    {
        await using var db = TestContext.Create(connection, signal);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Enqueue(new EndTask("task-1", "cancelled", "test"));
        await db.SaveChangesAsync();

        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        await transaction.CommitAsync();

        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Saving_a_queued_message_outside_a_transaction_wakes_the_dispatcher()
    {
        await using var db = TestContext.Create(connection, signal);
        db.Enqueue(new EndTask("task-1", "cancelled", "test"));
        await db.SaveChangesAsync();

        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Commits_that_queue_no_message_such_as_the_dispatchers_own_bookkeeping_wake_nobody()
    {
        await using (var setup = TestContext.Create(connection))
        {
            setup.Enqueue(new EndTask("task-1", "cancelled", "test"));
            await setup.SaveChangesAsync();
        }

        await using var db = TestContext.Create(connection, signal);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var row = db.OutboxMessages.Single();
        row.DispatchedAt = DateTime.UtcNow;
        db.Effects.Add(new Effect { Note = "no message" });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task A_rolled_back_message_wakes_nobody()
    {
        await using var db = TestContext.Create(connection, signal);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Enqueue(new EndTask("task-1", "cancelled", "test"));
        await db.SaveChangesAsync();
        await transaction.RollbackAsync();

        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    public void Dispose() => connection.Dispose();
}
