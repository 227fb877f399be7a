using System.Data.Common;
using System.Net.Sockets;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace ReferralHub.Messaging.Resilience;

/// <summary>
/// Failures of the infrastructure rather than of the work: the database or the broker is restarting or unreachable.
/// They say nothing about the message or request, so messages wait them out and HTTP callers get 503, never a 4xx.
/// A lost optimistic-concurrency race is one too: a concurrent writer won, and a retry starts from its state.
/// </summary>
public static class TransientFailure
{
    public static bool Is(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true }
                or SocketException
                or TimeoutException
                or RequestTimeoutException
                or ConnectionException
                or RabbitMQ.Client.Exceptions.RabbitMQClientException
                or EndOfStreamException
                or DbUpdateConcurrencyException)
            {
                return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(Is))
            {
                return true;
            }
        }

        return false;
    }
}
