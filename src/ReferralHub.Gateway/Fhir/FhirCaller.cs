using System.Security.Claims;
using Hl7.Fhir.Model;
using ReferralHub.ServiceDefaults.Authentication;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Gateway.Fhir;

/// <summary>
/// The organisation a request acts for; every Gateway decision about visibility starts here. What it may do is what
/// its token's SMART scopes permit: <c>system/</c> scopes (an API client) as they are, <c>user/</c> scopes (a person)
/// only within the person's roles (<see cref="RolesMatrix"/>).
/// </summary>
public sealed record FhirCaller(string OrganizationId, ClaimsPrincipal User)
{
    public string Reference => $"Organization/{OrganizationId}";

    /// <summary>403 unless the token permits the interaction (c r u d s) on the type, and a person's roles allow it.</summary>
    public void Require(string resourceType, char interaction) => Require(resourceType, interaction, RolesMatrix.CapabilityFor(resourceType, interaction));

    /// <summary>As <see cref="Require(string, char)"/>, for an interaction whose meaning needs another capability of a person.</summary>
    public void Require(string resourceType, char interaction, PersonCapability? capability)
    {
        if (Refusal(resourceType, interaction, capability) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>A PUT of the resource: setting a Consent inactive withdraws it, which a person needs no case-recording role for.</summary>
    public void RequireUpdate(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var capability = resource is FhirConsent { Status: FhirConsent.ConsentState.Inactive }
            ? PersonCapability.WithdrawConsent
            : RolesMatrix.CapabilityFor(resource.TypeName, 'u');
        Require(resource.TypeName, 'u', capability);
    }

    /// <summary>Whether a read of the type would be allowed: what decides which resources of other types a response may carry.</summary>
    public bool MayRead(string resourceType) => Refusal(resourceType, 'r', RolesMatrix.CapabilityFor(resourceType, 'r')) is null;

    private FhirInputException? Refusal(string resourceType, char interaction, PersonCapability? capability)
    {
        var permitting = User.GetScopes()
            .Select(scope => SmartScope.TryParse(scope, out var parsed) ? parsed : null)
            .OfType<SmartScope>()
            .Where(scope => scope.Permits(resourceType, interaction))
            .ToList();
        if (permitting.Count == 0)
        {
            return new FhirInputException(403, $"The access token has no scope permitting '{interaction}' on {resourceType}.");
        }

        if (permitting.Any(scope => scope.Context == SmartScope.SystemContext) || (capability is { } needed && RolesMatrix.Allows(User, needed)))
        {
            return null;
        }

        return new FhirInputException(403, capability is { } missing
            ? $"The person's roles do not permit '{interaction}' on {resourceType} ({missing}); it needs the role {string.Join(" or ", RolesMatrix.Roles[missing])}."
            : $"No person may '{interaction}' on {resourceType}: it is the hub operators' work.");
    }
}
