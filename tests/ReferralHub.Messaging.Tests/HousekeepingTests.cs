using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Housekeeping;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Messaging.Outbox;

namespace ReferralHub.Messaging.Tests;

public sealed class HousekeepingTests : IAsyncDisposable
{
    private static readonly DateTime Now = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    [Fact]
    public async Task Housekeeping_deletes_only_published_rows_and_inbox_ids_past_their_retention()
    {
        connection.Open();
        var options = new OutboxOptions();
        await using (var db = TestContext.Create(connection))
        {
            db.OutboxMessages.AddRange(
                Row("published-long-ago", dispatchedAt: Now - options.KeepDispatched - TimeSpan.FromMinutes(1)),
                Row("published-recently", dispatchedAt: Now - options.KeepDispatched + TimeSpan.FromMinutes(1)),
                Row("never-published", dispatchedAt: null, createdAt: Now - TimeSpan.FromDays(365)));
            db.InboxRecords.AddRange(
                new InboxRecord { MessageId = Guid.NewGuid(), Consumer = "expired", ProcessedAt = Now - options.KeepInbox - TimeSpan.FromMinutes(1) },
                new InboxRecord { MessageId = Guid.NewGuid(), Consumer = "kept", ProcessedAt = Now - options.KeepInbox + TimeSpan.FromMinutes(1) });
            await db.SaveChangesAsync();
        }

        await using var check = TestContext.Create(connection);
        var deleted = await MessagingHousekeeping<TestContext>.PurgeAsync(check, options, Now, CancellationToken.None);

        Assert.Equal((1, 1), deleted);
        Assert.Equal(["never-published", "published-recently"], (await check.OutboxMessages.Select(m => m.LastError!).ToListAsync()).Order());
        Assert.Equal(["kept"], await check.InboxRecords.Select(r => r.Consumer).ToListAsync());
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    // LastError carries the row's label: the payload is a real contract message, the label only names the case.
    private static OutboxMessage Row(string label, DateTime? dispatchedAt, DateTime? createdAt = null)
    {
        var row = OutboxMessage.Create(new EndTask("task-1", "cancelled", "housekeeping"), TimeProvider.System);
        row.CreatedAt = createdAt ?? dispatchedAt ?? Now;
        row.DispatchedAt = dispatchedAt;
        row.LastError = label;
        return row;
    }
}
