using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace ReferralHub.Messaging.Inbox;

/// <summary>
/// A consumer whose effects happen once: the message id is recorded in the inbox in the same transaction as the
/// effects (and as the messages they emit through the outbox); a message seen before is acknowledged and skipped.
/// </summary>
public abstract class InboxConsumer<TMessage, TContext>(TContext db) : IConsumer<TMessage>
    where TMessage : class
    where TContext : MessagingDbContext
{
    private static readonly PrecompiledQuery<Func<TContext, Guid, string, CancellationToken, Task<bool>>> SeenBefore = new(() => EF.CompileAsyncQuery(
        (TContext db, Guid messageId, string consumer, CancellationToken _) => db.InboxRecords.Any(r => r.MessageId == messageId && r.Consumer == consumer)));

    protected TContext Db { get; } = db;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without a MessageId cannot be de-duplicated.");
        var consumer = GetType().Name;
        var cancellationToken = context.CancellationToken;
        try
        {
            await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
            if (await SeenBefore.For(Db)(Db, messageId, consumer, cancellationToken))
            {
                Db.Metrics?.InboxDuplicate(Db.Service, consumer);
                return;
            }

            await HandleAsync(context.Message, context);
            Db.InboxRecords.Add(new InboxRecord { MessageId = messageId, Consumer = consumer, ProcessedAt = Db.Clock.GetUtcNow().UtcDateTime });
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            // A retry must start from the database, not from this attempt's half-made changes.
            Db.ChangeTracker.Clear();
            Db.ForgetAfterCommit();
            throw;
        }

        await CommittedAsync(cancellationToken);
    }

    /// <summary>
    /// After the effects committed (not for a duplicate): work that must not run inside the transaction. A failure here
    /// does not undo the effects, and the message is not handled again.
    /// </summary>
    protected virtual Task CommittedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Makes the message's effects on <see cref="Db"/>; the base class saves and commits them.</summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);
}
