using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.FollowUps;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Validation;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.Tasks;

/// <summary>Status changes of referral Tasks: by either side through the API, or by the hub itself.</summary>
public sealed class TaskUpdates(GatewayDbContext db, ProfileValidator profiles, Mailbox mailbox, FollowUpUpdates followUps)
{
    public const string HubActor = "hub";

    /// <summary>Applies and saves a side's PUT: only the elements that side may set are taken from the body.</summary>
    public async Task<ReferralTask> UpdateAsync(FhirCaller caller, string id, FhirTask incoming, int? ifMatch, CancellationToken cancellationToken)
    {
        var row = await db.Tasks.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (row is null || !TaskViews.IsVisible(row, caller.OrganizationId))
        {
            throw FhirInputException.NotFound("Task", id);
        }

        ETags.CheckIfMatch(ifMatch, row.VersionId);
        await profiles.EnsureConformAsync([(incoming, null)], cancellationToken);
        var side = row.RequesterOrganizationId == caller.OrganizationId ? ReferralSide.Requester : ReferralSide.Owner;
        var status = incoming.Status?.GetLiteral() ?? throw FhirInputException.Unprocessable("Task.status is required.");
        if (TaskLifecycle.Check(row.Status, status, side) is { } refusal)
        {
            throw FhirInputException.Unprocessable(refusal);
        }

        if (status != row.Status && TaskLifecycle.RequiresReason(status) && incoming.StatusReason is null)
        {
            throw FhirInputException.Unprocessable($"A Task moved to '{status}' needs a statusReason.");
        }

        if (side == ReferralSide.Owner)
        {
            TaskCodes.Check(incoming, status, row.Status);
        }

        var task = FhirJson.Parse<FhirTask>(row.Json);
        task.Status = incoming.Status;
        task.StatusReason = incoming.StatusReason ?? (status == row.Status ? task.StatusReason : null);
        if (side == ReferralSide.Owner)
        {
            task.BusinessStatus = incoming.BusinessStatus;
            task.Output = incoming.Output;
        }

        await SaveAsync(row, task, status, caller.OrganizationId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>The hub ends an open Task (consent withdrawn, disclosure denied); a Task already ended stays as it is.</summary>
    public async Task<bool> EndAsync(string id, string status, string reason, CancellationToken cancellationToken)
    {
        var row = await db.Tasks.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (row is null || TaskLifecycle.IsTerminal(row.Status))
        {
            return false;
        }

        var task = FhirJson.Parse<FhirTask>(row.Json);
        task.Status = EnumUtility.ParseLiteral<FhirTask.TaskStatus>(status) ?? throw new ArgumentException($"Unknown Task status '{status}'.", nameof(status));
        task.StatusReason = new CodeableConcept { Text = reason };
        await SaveAsync(row, task, status, HubActor, cancellationToken);
        return true;
    }

    /// <summary>
    /// The referral reaches its recipient: the Task names it as owner (Routing chose it, for a directory referral) and
    /// becomes visible to it as a new version, so that a recipient polling with <c>_lastUpdated=gt…</c> finds the Task
    /// however long after its creation it was disclosed.
    /// </summary>
    public void ShowToOwner(ReferralTask row, string ownerOrganizationId)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (db.Entry(row).State == EntityState.Added && row.OwnerOrganizationId == ownerOrganizationId)
        {
            // Decided at submission: the Task is disclosed from its first version, which already names its owner.
            row.DisclosedToOwner = true;
            return;
        }

        var task = FhirJson.Parse<FhirTask>(row.Json);
        task.Owner = new ResourceReference($"Organization/{ownerOrganizationId}");
        row.OwnerOrganizationId = ownerOrganizationId;
        row.DisclosedToOwner = true;
        Save(row, task, row.Status, HubActor);
    }

    /// <summary>Every side but the one that made the change hears of it: the referrer always, the recipient while disclosed.</summary>
    private void Notify(ReferralTask row, string changedBy, string previous, string status, DateTimeOffset now)
    {
        if (changedBy != row.RequesterOrganizationId)
        {
            mailbox.PostTaskStatusChanged(row, row.RequesterOrganizationId, previous, status, now);
        }

        if (row.OwnerOrganizationId is { } owner && changedBy != owner && row.DisclosedToOwner)
        {
            mailbox.PostTaskStatusChanged(row, owner, previous, status, now);
        }
    }

    /// <summary>Saves a status change; a referral that ends without being carried out takes its open follow-ups with it.</summary>
    private async System.Threading.Tasks.Task SaveAsync(ReferralTask row, FhirTask task, string status, string changedBy, CancellationToken cancellationToken)
    {
        var previous = row.Status;
        Save(row, task, status, changedBy);
        if (previous != status && FollowUpLifecycle.EndedReferral.Contains(status))
        {
            await followUps.EndWithReferralAsync(row, changedBy, cancellationToken);
        }
    }

    private void Save(ReferralTask row, FhirTask task, string status, string changedBy)
    {
        var previous = row.Status;
        var now = TaskVersions.Append(db, row, task, status);
        if (previous != status)
        {
            db.Enqueue(new TaskStatusChanged(row.Id, row.RequesterOrganizationId, row.OwnerOrganizationId, previous, status,
                task.StatusReason?.Text, changedBy, row.VersionId, now));
            Notify(row, changedBy, previous, status, now);
        }
    }
}
