using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Bus;
using ReferralHub.Messaging.Observability;
using ReferralHub.Messaging.Outbox;

namespace ReferralHub.Messaging.Tests;

public sealed class OutboxStartTests : IAsyncDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    [Fact]
    public async Task A_message_written_before_the_bus_has_started_reaches_its_consumer_once_the_bus_is_ready()
    {
        // What a seeder does while the host starts: a row written before any consumer's queue is bound.
        connection.Open();
        await using (var db = TestContext.Create(connection))
        {
            db.Enqueue(new EndTask("task-1", "cancelled", "written while the host starts"));
            await db.SaveChangesAsync(CancellationToken.None);
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDbContext<TestContext>(o => o.UseSqlite(connection));
        builder.Services.AddSingleton<OutboxSignal<TestContext>>();
        builder.Services.AddOptions<OutboxOptions>();
        builder.Services.AddHostedService<OutboxDispatcher<TestContext>>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<MessagingMetrics>();
        builder.Services.AddSingleton<Received>();
        builder.Services.AddHubConsumer<ReceivingConsumer>("test");
        // A bus that takes its time to start, as one does while it connects to a broker.
        builder.Services.AddBusObserver(_ => new SlowStart(TimeSpan.FromSeconds(1)));
        builder.AddHubBus();
        using var host = builder.Build();

        await host.StartAsync(CancellationToken.None);
        try
        {
            var received = await host.Services.GetRequiredService<Received>().Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("task-1", received.TaskId);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    public sealed class Received
    {
        private readonly TaskCompletionSource<EndTask> received = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<EndTask> Task => received.Task;

        public void Set(EndTask message) => received.TrySetResult(message);
    }

    public sealed class ReceivingConsumer(Received received) : IConsumer<EndTask>
    {
        public Task Consume(ConsumeContext<EndTask> context)
        {
            received.Set(context.Message);
            return Task.CompletedTask;
        }
    }

    private sealed class SlowStart(TimeSpan delay) : IBusObserver
    {
        public void PostCreate(IBus bus)
        {
        }

        public void CreateFaulted(Exception exception)
        {
        }

        public Task PreStart(IBus bus) => Task.Delay(delay);

        public Task PostStart(IBus bus, Task<BusReady> busReady) => Task.CompletedTask;

        public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;

        public Task PreStop(IBus bus) => Task.CompletedTask;

        public Task PostStop(IBus bus) => Task.CompletedTask;

        public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
    }
}
