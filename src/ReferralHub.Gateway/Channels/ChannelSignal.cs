namespace ReferralHub.Gateway.Channels;

/// <summary>Wakes a channel's sender when deliveries were committed, so none waits for the sweep.</summary>
public abstract class ChannelSignal
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
            // Another commit already woke the sender.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
