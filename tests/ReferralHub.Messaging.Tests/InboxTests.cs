using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;

namespace ReferralHub.Messaging.Tests;

public sealed class InboxTests : IAsyncDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    [Fact]
    public async Task The_same_message_id_delivered_ten_times_has_one_effect()
    {
        connection.Open();
        await using (var db = TestContext.Create(connection))
        {
            await db.Database.EnsureCreatedAsync();
        }

        await using var provider = new ServiceCollection()
            .AddDbContext<TestContext>(o => o.UseSqlite(connection))
            .AddSingleton<DeliveryCounter>()
            .AddMassTransitTestHarness(x => x.AddConsumer<CountingConsumer>())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var messageId = NewId.NextGuid();

        for (var i = 0; i < 10; i++)
        {
            await harness.Bus.Publish(new EndTask("task-1", "cancelled", "duplicate delivery"), context => context.MessageId = messageId);
        }

        var deliveries = provider.GetRequiredService<DeliveryCounter>();
        await WaitUntilAsync(() => deliveries.Completed + deliveries.Failed == 10);
        Assert.Equal(0, deliveries.Failed);
        await using var check = TestContext.Create(connection);
        Assert.Equal(1, await check.Effects.CountAsync());
        Assert.Equal(1, await check.InboxRecords.CountAsync());
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    /// <summary>Counts deliveries: the harness's own lists are keyed by message id and would show one.</summary>
    public sealed class DeliveryCounter
    {
        private int completed;
        private int failed;

        public int Completed => Volatile.Read(ref completed);

        public int Failed => Volatile.Read(ref failed);

        public void Complete(bool succeeded) => Interlocked.Increment(ref succeeded ? ref completed : ref failed);
    }

    public sealed class CountingConsumer(TestContext db, DeliveryCounter counter) : IConsumer<EndTask>
    {
        public async Task Consume(ConsumeContext<EndTask> context)
        {
            var succeeded = false;
            try
            {
                await new RecordEffectConsumer(db).Consume(context);
                succeeded = true;
            }
            finally
            {
                counter.Complete(succeeded);
            }
        }
    }

    public sealed class RecordEffectConsumer(TestContext db) : InboxConsumer<EndTask, TestContext>(db)
    {
        protected override Task HandleAsync(EndTask message, ConsumeContext<EndTask> context)
        {
            Db.Effects.Add(new Effect { Note = message.TaskId });
            return Task.CompletedTask;
        }
    }
}
