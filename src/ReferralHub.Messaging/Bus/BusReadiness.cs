using MassTransit;

namespace ReferralHub.Messaging.Bus;

/// <summary>
/// Completes once the bus has started and its receive endpoints have reported ready, whether or not every one did.
/// A message published before then can find no queue bound to its exchange (the in-memory bus binds them as it starts,
/// a broker on a service's first start), and would be dropped while its outbox row counts as sent.
/// </summary>
public sealed class BusReadiness : IBusObserver
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WhenReadyAsync(CancellationToken cancellationToken) => ready.Task.WaitAsync(cancellationToken);

    public Task PostStart(IBus bus, Task<BusReady> busReady)
    {
        // Faulted or not: MassTransit goes on retrying a faulted endpoint, and holding every message behind it would
        // stop the process's other messages too.
        busReady.ContinueWith(_ => ready.TrySetResult(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public void PostCreate(IBus bus)
    {
    }

    public void CreateFaulted(Exception exception)
    {
    }

    public Task PreStart(IBus bus) => Task.CompletedTask;

    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    public Task PreStop(IBus bus) => Task.CompletedTask;

    public Task PostStop(IBus bus) => Task.CompletedTask;

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
}
