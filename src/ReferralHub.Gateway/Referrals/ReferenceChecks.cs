using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging;

namespace ReferralHub.Gateway.Referrals;

/// <summary>
/// A submitted reference may point at a resource of the same submission, at the caller's own stored resources, or at
/// the directory. Anything else is refused with the same message whether or not it exists, so ids cannot be probed.
/// </summary>
/// <remarks>
/// <b>One survivor per resource.</b> A resource about a survivor (a Patient, Consent, ServiceRequest, Observation)
/// references only resources about that same survivor. Otherwise a referral for one survivor could carry another's
/// Observation, disclosed under the first one's consent and missing from the other's disclosure log. The rule holds
/// for every create and every later update; it is answered with 422 naming the path, and nothing is kept.
/// </remarks>
public sealed class ReferenceChecks(GatewayDbContext db, SubmittedResources store)
{
    private static readonly PrecompiledQuery<Func<GatewayDbContext, string, CancellationToken, Task<bool>>> IsInDirectory = new(() => EF.CompileAsyncQuery(
        (GatewayDbContext db, string organizationId, CancellationToken _) => db.Resources.Any(r => r.ResourceType == "Organization" && r.Id == organizationId)));

    /// <summary>The organisations this request's references named and the directory holds: each is looked up once.</summary>
    private readonly HashSet<string> knownOrganizations = [];

    /// <param name="pathInRequest">Where the resource sits in the request (<c>Bundle.entry[2].resource</c>); null when it is the whole body.</param>
    /// <param name="submission">The resources created by the same request, by type and id.</param>
    public async System.Threading.Tasks.Task CheckAsync(
        FhirCaller caller, Resource resource, string? pathInRequest, IReadOnlyDictionary<(string Type, string Id), Resource> submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(submission);
        var survivor = ResourceRules.PatientOf(resource);
        foreach (var (path, reference) in FhirReferences.Located(resource, pathInRequest ?? resource.TypeName))
        {
            if (reference.Reference is null)
            {
                continue;
            }

            if (FhirReferences.Parse(reference.Reference) is not { } target)
            {
                throw FhirInputException.Unprocessable($"{resource.TypeName} holds a reference the hub cannot resolve; use urn:uuid: fullUrls within the Bundle or Type/id of your own resources.");
            }

            if (target.Type == "Organization")
            {
                if (!knownOrganizations.Contains(target.Id))
                {
                    if (!await IsInDirectory.For(db)(db, target.Id, cancellationToken))
                    {
                        throw NotKnown(resource, target);
                    }

                    knownOrganizations.Add(target.Id);
                }

                continue;
            }

            string? about;
            if (submission.TryGetValue(target, out var submitted))
            {
                about = ResourceRules.PatientOf(submitted);
            }
            else
            {
                about = (await store.FindOwnedAsync(caller.OrganizationId, target.Type, target.Id, cancellationToken) ?? throw NotKnown(resource, target)).PatientId;
            }

            if (survivor is not null && about is not null && about != survivor)
            {
                throw new FhirInputException(
                    422,
                    $"{path} references {target.Type}/{target.Id}, which is about another survivor than this {resource.TypeName}: a survivor's resources may reference only her own data. Nothing was stored.")
                {
                    Issues =
                    [
                        new OperationOutcome.IssueComponent
                        {
                            Severity = OperationOutcome.IssueSeverity.Error,
                            Code = OperationOutcome.IssueType.BusinessRule,
                            Diagnostics = "The reference names another survivor's resource.",
                            Expression = [path],
                        },
                    ],
                };
            }
        }
    }

    private static FhirInputException NotKnown(Resource resource, (string Type, string Id) target) =>
        FhirInputException.Unprocessable($"{resource.TypeName} references {target.Type}/{target.Id}, which is not known.");
}
