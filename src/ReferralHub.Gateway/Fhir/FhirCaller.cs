using System.Security.Claims;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.Gateway.Fhir;

/// <summary>The organisation a request acts for; every Gateway decision about visibility starts here.</summary>
public sealed record FhirCaller(string OrganizationId, ClaimsPrincipal User)
{
    public void Require(string resourceType, char interaction)
    {
        if (!SmartScopes.Permits(User, resourceType, interaction))
        {
            throw new FhirInputException(403, $"The access token has no scope permitting '{interaction}' on {resourceType}.");
        }
    }

    public string Reference => $"Organization/{OrganizationId}";
}
