using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Messaging.Outbox;

namespace ReferralHub.Messaging.Tests;

/// <summary>A host pools its contexts: the next unit of work that rents one must find it as a new one.</summary>
public sealed class PooledContextTests : IAsyncDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly SavepointLog savepoints = new();
    private readonly ServiceProvider provider;

    public PooledContextTests()
    {
        connection.Open();
        using (var db = TestContext.Create(connection))
        {
            db.Database.EnsureCreated();
        }

        provider = new ServiceCollection()
            .AddDbContextPool<TestContext>(o => o.UseSqlite(connection)
                .AddInterceptors(new OutboxCommitInterceptor<TestContext>(new OutboxSignal<TestContext>()), savepoints))
            .BuildServiceProvider(true);
    }

    [Fact]
    public async Task Work_a_unit_of_work_left_for_after_its_commit_does_not_run_at_the_next_ones()
    {
        var ran = false;
        TestContext abandoned;
        await using (var scope = provider.CreateAsyncScope())
        {
            abandoned = scope.ServiceProvider.GetRequiredService<TestContext>();
            abandoned.AfterCommit(() => ran = true);
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var next = scope.ServiceProvider.GetRequiredService<TestContext>();
            Assert.Same(abandoned, next);
            next.Effects.Add(new Effect { Note = "the next unit of work" });
            await next.SaveChangesAsync();
        }

        Assert.False(ran);
    }

    [Fact]
    public async Task A_save_inside_a_transaction_sets_no_savepoint_on_a_context_rented_again()
    {
        for (var unit = 0; unit < 2; unit++)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TestContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Effects.Add(new Effect { Note = $"unit {unit}" });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<TestContext>().Effects.CountAsync());
        }

        Assert.Equal(0, savepoints.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await connection.DisposeAsync();
    }

    /// <summary>How many savepoints the contexts' transactions set.</summary>
    private sealed class SavepointLog : DbTransactionInterceptor
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public override ValueTask<InterceptionResult> CreatingSavepointAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return ValueTask.FromResult(result);
        }
    }
}
