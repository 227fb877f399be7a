using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;
using ReferralHub.Gateway.Validation;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.FollowUps;

/// <summary>
/// Changes of follow-ups: a side's <c>PUT /fhir/Task/{id}</c>, or the hub cancelling them when their referral ends
/// without being carried out. Each status change is posted to the other side of the referral (the recipient only
/// while the consent covers it), as changes of referral Tasks are.
/// </summary>
public sealed class FollowUpUpdates(GatewayDbContext db, ProfileValidator profiles, FollowUpViews views, FollowUpMessages messages, ReferralCoverage coverage)
{
    public Task<bool> ExistsAsync(string id, CancellationToken cancellationToken) => db.FollowUps.AnyAsync(f => f.Id == id, cancellationToken);

    /// <summary>
    /// Applies a side's PUT. Taken from the body: the status (with its reason) and the due date from either side
    /// while the follow-up is open, and the outcomes (<c>output</c>, referral-outcome codes) from its owner.
    /// </summary>
    public async Task<FhirTask> UpdateAsync(FhirCaller caller, string id, FhirTask incoming, int? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(incoming);
        var (row, referral) = await views.FindAsync(caller.OrganizationId, id, cancellationToken) ?? throw FhirInputException.NotFound("Task", id);
        ETags.CheckIfMatch(ifMatch, row.VersionId);
        await profiles.EnsureConformAsync(incoming, HubProfiles.FollowUpTask, cancellationToken);
        var byOwner = caller.OrganizationId == row.OwnerOrganizationId;
        var status = incoming.Status?.GetLiteral() ?? throw FhirInputException.Unprocessable("Task.status is required.");
        if (FollowUpLifecycle.Check(row.Status, status, byOwner) is { } refusal)
        {
            throw FhirInputException.Unprocessable(refusal);
        }

        if (status != row.Status && FollowUpLifecycle.RequiresReason(status) && incoming.StatusReason is null)
        {
            throw FhirInputException.Unprocessable($"A follow-up moved to '{status}' needs a statusReason.");
        }

        if (byOwner)
        {
            TaskCodes.CheckOutputs(incoming);
        }

        var task = FhirJson.Parse<FhirTask>(row.Json);
        task.Status = incoming.Status;
        task.StatusReason = incoming.StatusReason ?? (status == row.Status ? task.StatusReason : null);
        if (byOwner)
        {
            task.Output = incoming.Output;
        }

        if (FollowUpLifecycle.IsOpen(status))
        {
            var due = FollowUpDueDate.Of(incoming, referral);
            task.Restriction = new FhirTask.RestrictionComponent { Period = FollowUpDueDate.Restriction(incoming) };
            row.DueOn = due.DueOn;
            row.OverdueFrom = due.OverdueFrom;
        }

        await SaveAsync(row, referral, task, status, caller.OrganizationId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await views.RenderAsync(row, referral, caller.OrganizationId, cancellationToken);
    }

    /// <summary>
    /// The referral ended without being carried out (<paramref name="changedBy"/> ended it: a side, or the hub): its
    /// open follow-ups are cancelled with it, in the same transaction.
    /// </summary>
    public async System.Threading.Tasks.Task EndWithReferralAsync(ReferralTask referral, string changedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var open = await db.FollowUps
            .Where(f => f.ReferralTaskId == referral.Id && FollowUpLifecycle.Open.Contains(f.Status))
            .ToListAsync(cancellationToken);
        foreach (var row in open)
        {
            var task = FhirJson.Parse<FhirTask>(row.Json);
            task.Status = FhirTask.TaskStatus.Cancelled;
            task.StatusReason = new CodeableConcept { Text = $"The referral ended ('{referral.Status}')." };
            await SaveAsync(row, referral, task, FollowUpLifecycle.Cancelled, changedBy, cancellationToken);
        }
    }

    private async System.Threading.Tasks.Task SaveAsync(FollowUp row, ReferralTask referral, FhirTask task, string status, string changedBy, CancellationToken cancellationToken)
    {
        var previous = row.Status;
        var now = TaskVersions.Append(db, row, task, status);
        if (previous == status)
        {
            return;
        }

        if (changedBy != referral.RequesterOrganizationId)
        {
            messages.PostStatusChanged(row, referral, referral.RequesterOrganizationId, previous, status, now);
        }

        if (referral.OwnerOrganizationId is { } recipient && changedBy != recipient && await coverage.CoversRecipientAsync(referral.Id, cancellationToken))
        {
            messages.PostStatusChanged(row, referral, recipient, previous, status, now);
        }
    }
}
