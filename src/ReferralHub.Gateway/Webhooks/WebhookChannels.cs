using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Channels;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using Endpoint = Hl7.Fhir.Model.Endpoint;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// Operators' reads and writes of the organisations' webhook channels, as FHIR <c>Endpoint</c>s. A change of address or
/// status is recorded and announced to the organisation (<see cref="ChannelChanges"/>) in the same transaction.
/// </summary>
public sealed class WebhookChannels(GatewayDbContext db, SubmittedResources store, WebhookAddress addresses, ChannelChanges changes)
{
    public IQueryable<WebhookChannel> All => db.WebhookChannels.AsNoTracking();

    public async Task<Endpoint> ReadAsync(string endpointId, CancellationToken cancellationToken) =>
        await All.SingleOrDefaultAsync(c => c.EndpointId == endpointId, cancellationToken) is { } channel
            ? WebhookEndpointResource.Render(channel)
            : throw FhirInputException.NotFound("Endpoint", endpointId);

    /// <summary>Creates or replaces the channel; answers whether it was created, and the Endpoint as stored.</summary>
    public async Task<(bool Created, Endpoint Endpoint)> PutAsync(string endpointId, Endpoint endpoint, int? ifMatch, ChannelOperator by, CancellationToken cancellationToken)
    {
        if (endpoint.Id is { } bodyId && bodyId != endpointId)
        {
            throw new FhirInputException(400, $"The body's id '{bodyId}' is not the URL's '{endpointId}'.");
        }

        var organizationId = CheckShape(endpoint);
        var address = addresses.Check(endpoint.Address);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await store.FindAsync("Organization", organizationId, cancellationToken) is null)
        {
            throw FhirInputException.Unprocessable($"Endpoint.managingOrganization: Organization/{organizationId} is not in the directory.");
        }

        var channel = await db.WebhookChannels.SingleOrDefaultAsync(c => c.EndpointId == endpointId, cancellationToken);
        if (channel is null && ifMatch is not null)
        {
            throw new FhirInputException(412, $"Endpoint/{endpointId} does not exist yet; create it without If-Match.");
        }

        if (channel is not null)
        {
            ETags.CheckIfMatch(ifMatch, channel.VersionId);
            if (channel.OrganizationId != organizationId)
            {
                throw FhirInputException.Unprocessable($"Endpoint/{endpointId} belongs to Organization/{channel.OrganizationId}; it cannot move to another organisation.");
            }
        }
        else if (await All.SingleOrDefaultAsync(c => c.OrganizationId == organizationId, cancellationToken) is { } other)
        {
            throw FhirInputException.Unprocessable($"Organization/{organizationId} already has its webhook as Endpoint/{other.EndpointId}; change that one.");
        }

        var enabled = endpoint.Status == Endpoint.EndpointStatus.Active;
        if (enabled && !await db.WebhookSecrets.AnyAsync(s => s.OrganizationId == organizationId, cancellationToken))
        {
            throw FhirInputException.Unprocessable(
                $"Organization/{organizationId} has no webhook secret yet: call POST /fhir/Organization/{organizationId}/$rotate-webhook-secret first, then activate the Endpoint.");
        }

        var now = db.Clock.GetUtcNow();
        var created = channel is null;
        var before = channel is null ? null : new { channel.Address, channel.Enabled };
        if (channel is null)
        {
            channel = new WebhookChannel { OrganizationId = organizationId, EndpointId = endpointId, Address = address };
            db.WebhookChannels.Add(channel);
        }

        channel.Address = address;
        channel.Enabled = enabled;
        channel.VersionId++;
        channel.LastUpdated = now.UtcDateTime;
        if (before is null || before.Address != address || before.Enabled != enabled)
        {
            changes.Record(
                new ChannelAudit(
                    organizationId,
                    created ? ChannelChangeKind.WebhookEndpointCreated : ChannelChangeKind.WebhookEndpointChanged,
                    $"Endpoint/{endpointId}",
                    address,
                    before is not null && before.Address != address ? before.Address : null,
                    enabled,
                    by,
                    now));
        }

        // One save: the webhook queue reads the channel as it was before it, so the notice goes to the previous address.
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (created, WebhookEndpointResource.Render(channel));
    }

    private static string CheckShape(Endpoint endpoint)
    {
        if (endpoint.Status is not (Endpoint.EndpointStatus.Active or Endpoint.EndpointStatus.Off))
        {
            throw FhirInputException.Unprocessable("Endpoint.status must be 'active' (deliver) or 'off' (paused).");
        }

        if (endpoint.ConnectionType is not { System: WebhookEndpointResource.ConnectionTypeSystem, Code: WebhookEndpointResource.ConnectionTypeCode })
        {
            throw FhirInputException.Unprocessable($"Endpoint.connectionType must be {WebhookEndpointResource.ConnectionTypeSystem}#{WebhookEndpointResource.ConnectionTypeCode}: the hub POSTs FHIR message Bundles.");
        }

        if (endpoint.PayloadMimeType.Any(m => m != WebhookEndpointResource.MimeType))
        {
            throw FhirInputException.Unprocessable($"Endpoint.payloadMimeType can only be {WebhookEndpointResource.MimeType}.");
        }

        return FhirReferences.IdOf(endpoint.ManagingOrganization, "Organization")
            ?? throw FhirInputException.Unprocessable("Endpoint.managingOrganization must reference the Organization the webhook delivers to.");
    }
}
