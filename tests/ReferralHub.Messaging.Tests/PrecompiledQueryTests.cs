using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ReferralHub.Messaging.Tests;

public sealed class PrecompiledQueryTests : IAsyncDisposable
{
    private static readonly PrecompiledQuery<Func<TestContext, string, CancellationToken, Task<int>>> EffectsNoted = new(() => EF.CompileAsyncQuery(
        (TestContext db, string note, CancellationToken _) => db.Effects.Count(e => e.Note == note)));

    private readonly SqliteConnection connection = new("Data Source=:memory:");

    [Fact]
    public async Task One_precompiled_query_runs_on_contexts_of_two_models_in_one_process()
    {
        connection.Open();
        await using var first = TestContext.Create(connection);
        await using var second = new TestContext(new DbContextOptionsBuilder<TestContext>()
            .UseSqlite(connection)
            .ReplaceService<IModelCacheKeyFactory, ModelOfItsOwn>()
            .Options);
        Assert.NotSame(first.Model, second.Model);
        first.Effects.Add(new Effect { Note = "seen" });
        await first.SaveChangesAsync();

        Assert.Equal(1, await EffectsNoted.For(first)(first, "seen", CancellationToken.None));
        Assert.Equal(1, await EffectsNoted.For(second)(second, "seen", CancellationToken.None));
        Assert.Equal(0, await EffectsNoted.For(first)(first, "unseen", CancellationToken.None));
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    /// <summary>Gives the contexts that use it a model of their own, as a second provider would.</summary>
    private sealed class ModelOfItsOwn : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) => (context.GetType(), nameof(ModelOfItsOwn), designTime);
    }
}
