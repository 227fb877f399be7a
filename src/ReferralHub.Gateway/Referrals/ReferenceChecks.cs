using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Referrals;

/// <summary>
/// A submitted reference may point at a resource of the same submission, at the caller's own stored resources, or at
/// the directory. Anything else is refused with the same message whether or not it exists, so ids cannot be probed.
/// </summary>
public sealed class ReferenceChecks(GatewayDbContext db, SubmittedResources store)
{
    public async System.Threading.Tasks.Task CheckAsync(FhirCaller caller, Resource resource, Func<(string, string), bool> inSubmission, CancellationToken cancellationToken)
    {
        foreach (var reference in FhirReferences.All(resource))
        {
            if (reference.Reference is null)
            {
                continue;
            }

            if (FhirReferences.Parse(reference.Reference) is not { } target)
            {
                throw FhirInputException.Unprocessable($"{resource.TypeName} holds a reference the hub cannot resolve; use urn:uuid: fullUrls within the Bundle or Type/id of your own resources.");
            }

            var known = inSubmission(target)
                || (target.Type == "Organization"
                    ? await db.Resources.AnyAsync(r => r.ResourceType == "Organization" && r.Id == target.Id, cancellationToken)
                    : await store.FindOwnedAsync(caller.OrganizationId, target.Type, target.Id, cancellationToken) is not null);
            if (!known)
            {
                throw FhirInputException.Unprocessable($"{resource.TypeName} references {target.Type}/{target.Id}, which is not known.");
            }
        }
    }
}
