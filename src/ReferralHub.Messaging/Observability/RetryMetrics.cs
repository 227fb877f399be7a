using MassTransit;

namespace ReferralHub.Messaging.Observability;

/// <summary>
/// Counts one retry policy's retries, and the messages it gives up on (which go to the <c>_error</c> queue). The hub's
/// endpoints have two policies, one for transient failures and one for the rest; each counts only the failures it
/// handles.
/// </summary>
public sealed class RetryMetrics(MessagingMetrics metrics, bool transient, Func<Exception, bool> handles) : IRetryObserver
{
    public Task PostCreate<T>(RetryPolicyContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task PostFault<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task PreRetry<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        if (handles(context.Exception))
        {
            metrics.Retry(QueueOf(context.Context), transient);
        }

        return Task.CompletedTask;
    }

    public Task RetryFault<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        if (handles(context.Exception))
        {
            metrics.Faulted(QueueOf(context.Context));
        }

        return Task.CompletedTask;
    }

    public Task RetryComplete<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    private static string QueueOf(PipeContext context) =>
        context is ConsumeContext consume && consume.ReceiveContext.InputAddress is { } address
            ? address.AbsolutePath.Trim('/').Split('/')[^1]
            : "unknown";
}
