using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Channels.Amqp;

/// <summary>
/// Operators open and close organisations' AMQP channels. Opening declares the queue and the reply exchange, creates
/// the broker user (or gives it a new password: opening again is how a password is rotated) with its permissions, and
/// answers the password once; from then on the organisation's mailbox messages are published to its queue. Opening,
/// resetting and closing are recorded and announced to the organisation (<see cref="ChannelChanges"/>); the
/// announcement reaches it through its mailbox and webhook, not only through the queue whose password just changed.
/// </summary>
public sealed class AmqpChannels(
    GatewayDbContext db, SubmittedResources store, BrokerManagement management, AgencyBroker broker, IOptionsMonitor<AmqpOptions> options, ChannelChanges changes)
{
    /// <summary>A prefix that makes a leaked password recognisable to secret scanners.</summary>
    public const string PasswordPrefix = "rhamqp_";

    public async Task<AmqpCredentials> OpenAsync(string organizationId, ChannelOperator by, CancellationToken cancellationToken)
    {
        await RequireBrokerAndOrganizationAsync(organizationId, cancellationToken);
        var password = PasswordPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await OnBrokerAsync(async () =>
        {
            await management.EnsureVirtualHostAsync(cancellationToken);
            await broker.DeclareAsync(organizationId, cancellationToken);
            await management.PutUserAsync(organizationId, password, cancellationToken);
        });

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var at = db.Clock.GetUtcNow();
        var now = at.UtcDateTime;
        var row = await db.AmqpChannels.SingleOrDefaultAsync(c => c.OrganizationId == organizationId, cancellationToken);
        if (row is null)
        {
            row = new AmqpChannel { OrganizationId = organizationId, BrokerUser = AmqpNames.User(organizationId) };
            db.AmqpChannels.Add(row);
        }

        var kind = row.Enabled ? ChannelChangeKind.AmqpCredentialsReset : ChannelChangeKind.AmqpChannelOpened;
        if (!row.Enabled)
        {
            row.Enabled = true;
            row.OpenedAt = now;
        }

        row.LastUpdated = now;
        changes.Record(new ChannelAudit(organizationId, kind, Describe(row), null, null, true, by, at));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var settings = options.CurrentValue;
        var address = settings.AgencyAddress ?? new UriBuilder(settings.Broker!) { UserName = string.Empty, Password = string.Empty, Path = "/" }.Uri;
        return new AmqpCredentials(row.BrokerUser, password, address, settings.VirtualHost, AmqpNames.Queue(organizationId), AmqpNames.ReplyExchange(organizationId), row.OpenedAt);
    }

    /// <summary>Deletes the broker user and stops publishing; the queue keeps what it holds until the channel is opened again.</summary>
    public async Task CloseAsync(string organizationId, ChannelOperator by, CancellationToken cancellationToken)
    {
        await RequireBrokerAndOrganizationAsync(organizationId, cancellationToken);
        await OnBrokerAsync(() => management.DeleteUserAsync(organizationId, cancellationToken));
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var row = await db.AmqpChannels.SingleOrDefaultAsync(c => c.OrganizationId == organizationId, cancellationToken);
            if (row is { Enabled: true })
            {
                var at = db.Clock.GetUtcNow();
                row.Enabled = false;
                row.LastUpdated = at.UtcDateTime;
                changes.Record(new ChannelAudit(organizationId, ChannelChangeKind.AmqpChannelClosed, Describe(row), null, null, false, by, at));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        await db.AmqpDeliveries.Where(d => d.OrganizationId == organizationId).ExecuteDeleteAsync(cancellationToken);
    }

    private static string Describe(AmqpChannel row) => $"queue {AmqpNames.Queue(row.OrganizationId)}, broker user {row.BrokerUser}";

    private async Task RequireBrokerAndOrganizationAsync(string organizationId, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Configured)
        {
            throw new FhirInputException(501, $"This hub has no AMQP broker ({AmqpOptions.Section}:Broker is not set): organisations receive messages by polling or webhook.")
            {
                IssueCode = "not-supported",
            };
        }

        if (await store.FindAsync("Organization", organizationId, cancellationToken) is null)
        {
            throw FhirInputException.NotFound("Organization", organizationId);
        }
    }

    private static async Task OnBrokerAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is HttpRequestException or RabbitMQClientException or OperationInterruptedException)
        {
            throw new FhirInputException(503, "The broker cannot be reached or refused the change; nothing was changed at the hub. Try again later.")
            {
                IssueCode = "transient",
            };
        }
    }
}

/// <summary>What an organisation needs to connect; the password is shown once.</summary>
public sealed record AmqpCredentials(string User, string Password, Uri Address, string VirtualHost, string Queue, string ReplyExchange, DateTime OpenedAt);
