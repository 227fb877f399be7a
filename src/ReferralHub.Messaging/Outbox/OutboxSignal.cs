namespace ReferralHub.Messaging.Outbox;

/// <summary>Wakes a context's dispatcher right after a commit, so the happy path never waits for the sweep interval.</summary>
public sealed class OutboxSignal<TContext>
    where TContext : MessagingDbContext
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit already woke the dispatcher.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
