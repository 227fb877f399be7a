using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralHub.Identity.Clients;

/// <summary>
/// Describes API clients: each acts for exactly one organisation, may only use the client credentials grant, and may
/// revoke and introspect its own tokens.
/// </summary>
public static class HubClients
{
    /// <summary>A client that authenticates with a secret (<c>client_secret_basic</c> or <c>client_secret_post</c>).</summary>
    public static OpenIddictApplicationDescriptor WithSecret(string clientId, string secret, string organizationId, IEnumerable<string> scopes, IReadOnlyList<string>? roles = null)
    {
        var descriptor = Describe(clientId, organizationId, scopes, roles);
        descriptor.ClientSecret = secret;
        return descriptor;
    }

    /// <summary>A client that authenticates with assertions signed by one of its public keys (<c>private_key_jwt</c>).</summary>
    public static OpenIddictApplicationDescriptor WithKeySet(string clientId, JsonWebKeySet keys, string organizationId, IEnumerable<string> scopes, IReadOnlyList<string>? roles = null)
    {
        var descriptor = Describe(clientId, organizationId, scopes, roles);
        descriptor.JsonWebKeySet = keys;
        return descriptor;
    }

    private static OpenIddictApplicationDescriptor Describe(string clientId, string organizationId, IEnumerable<string> scopes, IReadOnlyList<string>? roles)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Confidential,
            DisplayName = clientId,
            Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.Endpoints.Introspection, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        descriptor.Properties[ClientProperties.Organization] = JsonSerializer.SerializeToElement(organizationId);
        if (roles is { Count: > 0 })
        {
            descriptor.Properties[ClientProperties.Roles] = JsonSerializer.SerializeToElement(roles);
        }
        return descriptor;
    }
}
