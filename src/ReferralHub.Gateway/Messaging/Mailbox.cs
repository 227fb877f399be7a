using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Messaging;

/// <summary>
/// Each recipient's message Bundles on the FHIR polling channel (<c>GET /fhir/Bundle</c>), and their acknowledgements
/// (<c>POST /fhir/$process-message</c> with a <c>MessageHeader.response</c>).
/// </summary>
public sealed class Mailbox(GatewayDbContext db, AuditLog auditLog)
{
    public IQueryable<OutboundMessage> Visible(string recipientOrganizationId) =>
        db.OutboundMessages.AsNoTracking().Where(m => m.RecipientOrganizationId == recipientOrganizationId);

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
        var bundle = MessageBundles.ConsentWithdrawn(recall.RecallId, recall.RecipientOrganizationId, recall.TaskIds, patientLocalId, recall.Reason, now);
        if (message is null)
        {
            message = new OutboundMessage
            {
                Id = recall.RecallId,
                RecipientOrganizationId = recall.RecipientOrganizationId,
                Event = Contracts.Vocabulary.MessageEvent.ConsentWithdrawn,
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
        await auditLog.AppendAsync(
            new RecallAudit(recall.CustodianOrganizationId, recall.RecipientOrganizationId, recall.PatientId, recall.ConsentId, recall.RecallId, RecallStep.Sent, message.Attempts, recall.Reason, now),
            cancellationToken);
    }

    /// <summary>
    /// Records the caller's response to one of its messages. Acknowledging twice is harmless; a response to a message
    /// that is not the caller's answers 422, exactly as one to a message that does not exist.
    /// </summary>
    public async System.Threading.Tasks.Task AcknowledgeAsync(string callerOrganizationId, Bundle response, CancellationToken cancellationToken)
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
        await auditLog.AppendAsync(
            new RecallAudit(message.CustodianOrganizationId, callerOrganizationId, message.PatientId, message.ConsentId, message.Id, RecallStep.Acknowledged, message.Attempts, codeLiteral, now),
            cancellationToken);
        db.Enqueue(new RecallAcknowledged(message.Id, callerOrganizationId, codeLiteral, now));
    }
}
