using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;
using ReferralHub.Gateway.Validation;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.FollowUps;

/// <summary>
/// <c>POST /fhir/Task</c>: a side of a referral asks for a follow-up of it (docs/follow-ups.md). The body conforms to
/// the follow-up profile; the hub keeps its <c>partOf</c>, due date and <c>owner</c> (a side of the referral, by
/// default its recipient) and sets the rest: <c>for</c> the survivor, <c>requester</c> the caller. The referral must be
/// disclosed to its recipient now and not have ended without being carried out, and the due date may not lie before
/// the referral was authored; otherwise 422 and nothing is stored.
/// </summary>
public sealed class FollowUpCreation(GatewayDbContext db, ProfileValidator profiles, ReferralCoverage coverage, FollowUpViews views)
{
    public async Task<FhirTask> CreateAsync(FhirCaller caller, FhirTask incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(incoming);
        caller.Require("Task", 'c');
        await profiles.EnsureConformAsync(incoming, HubProfiles.FollowUpTask, cancellationToken);
        if (incoming.Status != FhirTask.TaskStatus.Requested)
        {
            throw FhirInputException.Unprocessable("A follow-up is created with status 'requested'.");
        }

        var referral = await ReferralAsync(caller, incoming, cancellationToken);
        if (FollowUpLifecycle.EndedReferral.Contains(referral.Status))
        {
            throw FhirInputException.Unprocessable($"The referral ended ('{referral.Status}') without being carried out: it takes no follow-ups.");
        }

        if (!await coverage.CoversRecipientAsync(referral.Id, cancellationToken))
        {
            throw FhirInputException.Unprocessable(
                "The referral is not disclosed to its recipient (not yet, or no longer: the survivor's consent was withdrawn or no longer permits it): it takes no follow-ups.");
        }

        var due = FollowUpDueDate.Of(incoming, referral);
        var now = db.Clock.GetUtcNow();
        var task = new FhirTask
        {
            Id = Guid.NewGuid().ToString(),
            Status = FhirTask.TaskStatus.Requested,
            Intent = FhirTask.TaskIntent.Order,
            Code = new CodeableConcept(HubVocabulary.TaskCodes.Url, TaskCode.FollowUp, HubVocabulary.TaskCodes.Display(TaskCode.FollowUp)),
            PartOf = [new ResourceReference($"Task/{referral.Id}")],
            For = new ResourceReference($"Patient/{referral.PatientId}"),
            AuthoredOn = now.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            LastModified = now.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            Requester = new ResourceReference(caller.Reference),
            Owner = new ResourceReference($"Organization/{OwnerOf(incoming, referral)}"),
            Restriction = new FhirTask.RestrictionComponent { Period = FollowUpDueDate.Restriction(incoming) },
        };
        SubmittedResources.Stamp(task, 1, now.UtcDateTime);
        var row = new FollowUp
        {
            Id = task.Id,
            VersionId = 1,
            LastUpdated = now.UtcDateTime,
            Status = FollowUpLifecycle.Requested,
            ReferralTaskId = referral.Id,
            RequesterOrganizationId = caller.OrganizationId,
            OwnerOrganizationId = FhirReferences.IdOf(task.Owner, "Organization")!,
            DueOn = due.DueOn,
            OverdueFrom = due.OverdueFrom,
            Json = FhirJson.Serialize(task),
        };
        db.FollowUps.Add(row);
        db.ResourceVersions.Add(new ResourceVersion { ResourceType = "Task", Id = row.Id, VersionId = 1, LastUpdated = row.LastUpdated, Json = row.Json });
        await db.SaveChangesAsync(cancellationToken);
        return await views.RenderAsync(row, referral, caller.OrganizationId, cancellationToken);
    }

    /// <summary>The referral <c>partOf</c> names, as the caller may see it; 422 alike for one that does not exist.</summary>
    private async Task<ReferralTask> ReferralAsync(FhirCaller caller, FhirTask incoming, CancellationToken cancellationToken)
    {
        var id = FhirReferences.IdOf(incoming.PartOf.Single(), "Task");
        var referral = id is null ? null : await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return referral is not null && TaskViews.IsVisible(referral, caller.OrganizationId)
            ? referral
            : throw FhirInputException.Unprocessable("Task.partOf must name a referral Task (Task/<id>) of which you are a side.");
    }

    /// <summary>The organisation that must report: <c>owner</c> when it names a side of the referral, else the recipient.</summary>
    private static string OwnerOf(FhirTask incoming, ReferralTask referral)
    {
        var recipient = referral.OwnerOrganizationId!;
        if (incoming.Owner is null)
        {
            return recipient;
        }

        var owner = FhirReferences.IdOf(incoming.Owner, "Organization");
        return owner == recipient || owner == referral.RequesterOrganizationId
            ? owner
            : throw FhirInputException.Unprocessable(
                $"Task.owner must be a side of the referral: Organization/{recipient} (the default) or Organization/{referral.RequesterOrganizationId}.");
    }
}
