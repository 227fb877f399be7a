using System.Security.Claims;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.Gateway.Fhir;

/// <summary>
/// The organisation a request acts for; every Gateway decision about visibility starts here. What it may do is what
/// its token's SMART scopes permit, resource type by resource type.
/// </summary>
public sealed record FhirCaller(string OrganizationId, ClaimsPrincipal User)
{
    public string Reference => $"Organization/{OrganizationId}";

    /// <summary>403 unless the token permits the interaction (c r u d s) on the type.</summary>
    public void Require(string resourceType, char interaction)
    {
        if (!SmartScopes.Permits(User, resourceType, interaction))
        {
            throw new FhirInputException(403, $"The access token has no scope permitting '{interaction}' on {resourceType}.");
        }
    }

    /// <summary>Whether a read of the type would be allowed: what decides which resources of other types a response may carry.</summary>
    public bool MayRead(string resourceType) => SmartScopes.Permits(User, resourceType, 'r');
}
