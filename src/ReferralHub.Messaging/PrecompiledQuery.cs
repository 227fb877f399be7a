using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ReferralHub.Messaging;

/// <summary>
/// A query run for every referral or message, compiled once (<see cref="EF.CompileAsyncQuery{TContext, TResult}(System.Linq.Expressions.Expression{Func{TContext, TResult}})"/>)
/// rather than translated and looked up in EF Core's query cache each time it runs. EF Core binds a compiled query to
/// the first model it runs on and refuses any other, while one process may hold a service's context on two models
/// (its SQLite and its PostgreSQL one, as the tests do): so it is compiled once per model.
/// </summary>
public sealed class PrecompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : Delegate
{
    private readonly ConcurrentDictionary<IModel, TQuery> byModel = new();

    /// <summary>The query compiled for the model of <paramref name="db"/>.</summary>
    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return byModel.GetOrAdd(db.Model, _ => compile());
    }
}
