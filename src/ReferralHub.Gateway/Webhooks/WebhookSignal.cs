namespace ReferralHub.Gateway.Webhooks;

/// <summary>Wakes the webhook dispatcher when deliveries were committed or redelivered, so none waits for the sweep.</summary>
public sealed class WebhookSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        try
        {
            if (signal.CurrentCount == 0)
            {
                signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another commit already woke the dispatcher.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
