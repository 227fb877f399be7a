using MassTransit;
using OpenIddict.Abstractions;
using ReferralHub.Contracts.Messages;

namespace ReferralHub.Identity.Clients;

/// <summary>
/// Answers the Gateway's question before it verifies a signed message: which public keys are registered for this
/// organisation's clients? The same keys its clients authenticate with (<c>private_key_jwt</c>). Changes nothing.
/// </summary>
public sealed class DescribeOrganizationKeysConsumer(IOpenIddictApplicationManager applications) : IConsumer<DescribeOrganizationKeys>
{
    public async Task Consume(ConsumeContext<DescribeOrganizationKeys> context)
    {
        var keys = new List<RegisteredKey>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, context.CancellationToken))
        {
            var properties = await applications.GetPropertiesAsync(application, context.CancellationToken);
            if (!properties.TryGetValue(ClientProperties.Organization, out var organization) || organization.GetString() != context.Message.OrganizationId)
            {
                continue;
            }

            var keySet = await applications.GetJsonWebKeySetAsync(application, context.CancellationToken);
            keys.AddRange((keySet?.Keys ?? []).Where(k => !string.IsNullOrEmpty(k.Kid))
                .Select(k => new RegisteredKey(k.Kid, k.Kty, k.Alg, k.Crv, k.X, k.Y, k.N, k.E)));
        }

        await context.RespondAsync(new OrganizationKeys(keys));
    }
}
