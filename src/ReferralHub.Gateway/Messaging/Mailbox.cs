using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Signing;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;

namespace ReferralHub.Gateway.Messaging;

/// <summary>
/// Each recipient's message Bundles on the FHIR polling channel (<c>GET /fhir/Bundle</c>), and their acknowledgements
/// (<c>POST /fhir/$process-message</c> with a <c>MessageHeader.response</c>).
/// </summary>
public sealed class Mailbox(GatewayDbContext db, AuditLog auditLog, TaskViews tasks, DisclosedResources disclosed, MessageSigner signer)
{
    private const int MaxResponseAttempts = 5;

    public IQueryable<OutboundMessage> Visible(string recipientOrganizationId) =>
        db.OutboundMessages.AsNoTracking().Where(m => m.RecipientOrganizationId == recipientOrganizationId);

    /// <summary>Tells the recipient of a referral just disclosed to it (in the disclosure's transaction).</summary>
    public void PostReferral(ReferralTask task, string consentId, DateTimeOffset at)
    {
        var recipient = task.OwnerOrganizationId ?? throw new InvalidOperationException("A referral is posted to its owner, once it has one.");
        var id = Guid.NewGuid().ToString();
        PostAboutTask(task, recipient, consentId, id, MessageEvent.ReferralRequest, MessageBundles.ReferralRequest(id, recipient, task.Id, at), at, task.Id);
    }

    /// <summary>
    /// Tells a side of a referral that the other side (or the hub) moved its Task, in the change's transaction. The
    /// receiving organisation hears of it only while the referral is disclosed to it.
    /// </summary>
    public void PostTaskStatusChanged(ReferralTask task, string recipientOrganizationId, string previousStatus, string status, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(task);
        var id = Guid.NewGuid().ToString();
        var bundle = MessageBundles.TaskStatusChanged(id, recipientOrganizationId, task.Id, previousStatus, status, at);
        PostAboutTask(task, recipientOrganizationId, task.ConsentId ?? string.Empty, id, MessageEvent.TaskStatusChanged, bundle, at, task.Id);
    }

    /// <summary>
    /// A notice about Tasks of a referral (a follow-up's <c>follow-up-due</c> or status change), in the change's
    /// transaction. Like a recall it carries only its header: the receiver reads the Tasks as it may see them then.
    /// </summary>
    public string PostNotice(ReferralTask referral, string recipientOrganizationId, string messageEvent, string reason, IEnumerable<string> taskIds, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var id = Guid.NewGuid().ToString();
        var bundle = MessageBundles.AboutTasks(id, messageEvent, recipientOrganizationId, reason, taskIds, at);
        PostAboutTask(referral, recipientOrganizationId, referral.ConsentId ?? string.Empty, id, messageEvent, bundle, at, renderTaskId: null);
        return id;
    }

    /// <summary>
    /// Tells an organisation that an operator changed one of its channels (in the change's transaction). It concerns no
    /// survivor: no patient, no consent. Like every mailbox message it also enters the push channels' queues, where the
    /// webhook queue pins it to the address in force before the change.
    /// </summary>
    public void PostChannelChanged(ChannelAudit change, string auditEventId)
    {
        ArgumentNullException.ThrowIfNull(change);
        var id = Guid.NewGuid().ToString();
        var bundle = MessageBundles.ChannelChanged(id, change.OrganizationId, change.Describe(), auditEventId, change.At);
        SubmittedResources.Stamp(bundle, 1, change.At.UtcDateTime);
        db.OutboundMessages.Add(new OutboundMessage
        {
            Id = id,
            RecipientOrganizationId = change.OrganizationId,
            Event = MessageEvent.ChannelChanged,
            CustodianOrganizationId = change.OrganizationId,
            PatientId = string.Empty,
            ConsentId = string.Empty,
            VersionId = 1,
            Attempts = 1,
            CreatedAt = change.At.UtcDateTime,
            LastUpdated = change.At.UtcDateTime,
            Json = FhirJson.Serialize(bundle),
        });
    }

    /// <summary>A message about a referral's Task: the resources of <paramref name="renderTaskId"/>, if any, are rendered into it when it is read.</summary>
    private void PostAboutTask(ReferralTask task, string recipientOrganizationId, string consentId, string messageId, string messageEvent, Bundle bundle, DateTimeOffset at, string? renderTaskId)
    {
        SubmittedResources.Stamp(bundle, 1, at.UtcDateTime);
        db.OutboundMessages.Add(new OutboundMessage
        {
            Id = messageId,
            RecipientOrganizationId = recipientOrganizationId,
            Event = messageEvent,
            CustodianOrganizationId = task.RequesterOrganizationId,
            PatientId = task.PatientId,
            ConsentId = consentId,
            TaskId = renderTaskId,
            VersionId = 1,
            Attempts = 1,
            CreatedAt = at.UtcDateTime,
            LastUpdated = at.UtcDateTime,
            Json = FhirJson.Serialize(bundle),
        });
    }

    /// <summary>
    /// The message as its recipient reads it now, signed by the hub (<c>Bundle.signature</c>). A <c>referral-request</c>
    /// gets the Task and the referral's resources as the recipient's current copies (full URLs under
    /// <paramref name="fhirBase"/>); copies no longer served are left out.
    /// </summary>
    public async Task<Bundle> RenderAsync(OutboundMessage message, string fhirBase, CancellationToken cancellationToken) =>
        signer.Sign(await ComposeAsync(message, fhirBase, cancellationToken));

    private async Task<Bundle> ComposeAsync(OutboundMessage message, string fhirBase, CancellationToken cancellationToken)
    {
        var bundle = FhirJson.Parse<Bundle>(message.Json);
        if (message.TaskId is null || await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == message.TaskId, cancellationToken) is not { } row)
        {
            return bundle;
        }

        var task = await tasks.RenderAsync(row, message.RecipientOrganizationId, cancellationToken);
        Add(bundle, fhirBase, task);
        var serviceRequest = await CopyAsync<ServiceRequest>(message.RecipientOrganizationId, task.Focus, cancellationToken);
        Add(bundle, fhirBase, serviceRequest);
        Add(bundle, fhirBase, await CopyAsync<Patient>(message.RecipientOrganizationId, task.For, cancellationToken));
        foreach (var supporting in serviceRequest?.SupportingInfo ?? [])
        {
            Add(bundle, fhirBase, await CopyAsync<Observation>(message.RecipientOrganizationId, supporting, cancellationToken));
        }

        return bundle;
    }

    /// <summary>
    /// The message as the FHIR API answers it to <paramref name="caller"/>: rendered as for every channel, then without
    /// the entries of types its token may not read (the MessageHeader, which says what happened, always stays), signed
    /// over what it is given.
    /// </summary>
    public async Task<Bundle> RenderForAsync(FhirCaller caller, OutboundMessage message, string fhirBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var bundle = await ComposeAsync(message, fhirBase, cancellationToken);
        bundle.Entry.RemoveAll(entry => entry.Resource is { } resource and not MessageHeader && !caller.MayRead(resource.TypeName));
        return signer.Sign(bundle);
    }

    /// <summary>Puts the recall in the recipient's mailbox (again, if it is a re-send) and records it in the disclosure log.</summary>
    public async System.Threading.Tasks.Task PostRecallAsync(SendRecall recall, CancellationToken cancellationToken)
    {
        var now = db.Clock.GetUtcNow();
        var message = await db.OutboundMessages.SingleOrDefaultAsync(m => m.Id == recall.RecallId, cancellationToken);
        if (message?.AcknowledgedAt is not null)
        {
            return;
        }

        var patientLocalId = (await db.RecipientIds.AsNoTracking().SingleOrDefaultAsync(
            r => r.RecipientOrganizationId == recall.RecipientOrganizationId && r.ResourceType == "Patient" && r.SourceId == recall.PatientId,
            cancellationToken))?.LocalId;
        var bundle = MessageBundles.Recall(recall.RecallId, recall.RecipientOrganizationId, recall.TaskIds, patientLocalId, recall.Reason, now);
        if (message is null)
        {
            message = new OutboundMessage
            {
                Id = recall.RecallId,
                RecipientOrganizationId = recall.RecipientOrganizationId,
                Event = MessageBundles.RecallEvent(recall.Reason),
                CustodianOrganizationId = recall.CustodianOrganizationId,
                PatientId = recall.PatientId,
                ConsentId = recall.ConsentId,
                CreatedAt = now.UtcDateTime,
                Json = string.Empty,
            };
            db.OutboundMessages.Add(message);
        }

        message.VersionId++;
        message.Attempts = Math.Max(message.Attempts + 1, recall.Attempt);
        message.LastUpdated = now.UtcDateTime;
        SubmittedResources.Stamp(bundle, message.VersionId, message.LastUpdated);
        message.Json = FhirJson.Serialize(bundle);
        auditLog.Append(
            new RecallAudit(recall.CustodianOrganizationId, recall.RecipientOrganizationId, recall.PatientId, recall.ConsentId, recall.RecallId, RecallStep.Sent, message.Attempts, recall.Reason, message.Event, now));
    }

    private async Task<T?> CopyAsync<T>(string recipient, ResourceReference? reference, CancellationToken cancellationToken)
        where T : Resource
    {
        var type = typeof(T).Name;
        if (FhirReferences.IdOf(reference, type) is not { } id)
        {
            return null;
        }

        var copy = (await disclosed.ReadableAsync(recipient, type, id, cancellationToken)).SingleOrDefault();
        return copy is null ? null : FhirJson.Parse<T>(copy.Json);
    }

    private static void Add(Bundle bundle, string fhirBase, Resource? resource)
    {
        if (resource is not null)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"{fhirBase}/{resource.TypeName}/{resource.Id}", Resource = resource });
        }
    }

    /// <summary>
    /// Records and saves the caller's response to one of its messages, with whether it was signed (in the acknowledgement's
    /// audit record). Acknowledging twice is harmless; a response to a message that is not the caller's answers 422,
    /// exactly as one to a message that does not exist. On PostgreSQL it is
    /// recorded in a transaction of its own, so that its append to the audit log takes its turn at the chain head (without
    /// one, two appends at once could both take the next sequence number, and the loser failed with a 500); SQLite's
    /// writers already take turns. A re-send of the same recall may still commit between this read and this save: a
    /// response commutes with it, so it is recorded again over what the re-send left rather than refused.
    /// </summary>
    public async System.Threading.Tasks.Task AcknowledgeAsync(string callerOrganizationId, Bundle response, ReceivedSignature signature, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = db.IsPostgres ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
                await RecordResponseAsync(callerOrganizationId, response, signature, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxResponseAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async System.Threading.Tasks.Task RecordResponseAsync(string callerOrganizationId, Bundle response, ReceivedSignature signature, CancellationToken cancellationToken)
    {
        if (response.Type != Bundle.BundleType.Message || response.Entry.FirstOrDefault()?.Resource is not MessageHeader header)
        {
            throw FhirInputException.Unprocessable("$process-message takes a message Bundle whose first entry is a MessageHeader.");
        }

        if (header.Response?.Identifier is not { Length: > 0 } answered || header.Response.Code is not { } code)
        {
            throw FhirInputException.Unprocessable("MessageHeader.response with identifier and code is required: the hub accepts responses to its messages here.");
        }

        var message = await db.OutboundMessages.SingleOrDefaultAsync(m => m.Id == answered && m.RecipientOrganizationId == callerOrganizationId, cancellationToken)
            ?? throw FhirInputException.Unprocessable($"MessageHeader.response.identifier '{answered}' is not a message the hub sent you.");
        var codeLiteral = Hl7.Fhir.Utility.EnumUtility.GetLiteral(code)!;
        if (message.AcknowledgedAt is not null)
        {
            return;
        }

        message.ResponseCode = codeLiteral;
        if (code != MessageHeader.ResponseType.Ok)
        {
            // The recipient could not act on it yet: it stays unacknowledged and is sent again.
            return;
        }

        var now = db.Clock.GetUtcNow();
        message.AcknowledgedAt = now.UtcDateTime;
        auditLog.Append(
            new RecallAudit(message.CustodianOrganizationId, callerOrganizationId, message.PatientId, message.ConsentId, message.Id, RecallStep.Acknowledged, message.Attempts, codeLiteral, message.Event, now)
            {
                Signature = signature,
            });
        db.Enqueue(new RecallAcknowledged(message.Id, callerOrganizationId, codeLiteral, now));
    }
}
