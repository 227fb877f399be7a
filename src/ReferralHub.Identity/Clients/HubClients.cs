using System.Text.Json;
using OpenIddict.Abstractions;
using ReferralHub.ServiceDefaults.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralHub.Identity.Clients;

/// <summary>Registers API clients: each belongs to exactly one organisation and may use the client credentials grant.</summary>
public static class HubClients
{
    public static OpenIddictApplicationDescriptor Confidential(string clientId, string secret, string organizationId, IEnumerable<string> scopes)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = clientId,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        descriptor.Properties[ClientProperties.Organization] = JsonSerializer.SerializeToElement(organizationId);
        return descriptor;
    }

    /// <summary>Every resource scope the hub knows, with all the interactions each allows.</summary>
    public static IEnumerable<string> AllScopes() => SmartScopes.ResourceTypes.Select(SmartScopes.FullScope);
}
