using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Signing;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.Messaging;

/// <summary>
/// Message Bundles organisations send the hub, on any channel (<c>$process-message</c>, their AMQP reply exchange):
/// responses to the hub's messages (acknowledgements), and <c>task-status-changed</c> messages carrying the Task as the
/// sender changed it, applied exactly as a PUT of that Task would be. A status change is kept by its
/// <c>Bundle.identifier</c>, so a copy changes nothing and is answered with the first response. Whether the sender signed
/// it (<see cref="AgencySignatures"/>, checked before) is recorded in the audit log with its effect.
/// </summary>
public sealed class InboundMessages(GatewayDbContext db, Mailbox mailbox, TaskUpdates tasks, AuditLog auditLog)
{
    public static bool IsResponse(Bundle message) => MessageBundles.HeaderOf(message)?.Response is not null;

    /// <summary>The response to send back (<c>ok</c>), or null when the message was itself a response. Bad input throws.</summary>
    public async Task<Bundle?> ProcessAsync(FhirCaller caller, Bundle message, ReceivedSignature signature, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var header = MessageBundles.HeaderOf(message)
            ?? throw FhirInputException.Unprocessable("The hub takes message Bundles (Bundle.type 'message') whose first entry is a MessageHeader.");
        if (header.Response is not null)
        {
            await mailbox.AcknowledgeAsync(caller.OrganizationId, message, signature, cancellationToken);
            return null;
        }

        var identifier = message.Identifier is { Value.Length: > 0 } id
            ? $"{id.System}|{id.Value}"
            : throw FhirInputException.Unprocessable("Bundle.identifier is required: the hub recognises a message sent again by it.");
        var seen = await db.InboundMessages.AsNoTracking()
            .SingleOrDefaultAsync(m => m.OrganizationId == caller.OrganizationId && m.Identifier == identifier, cancellationToken);
        if (seen is not null)
        {
            return FhirJson.Parse<Bundle>(seen.ResponseJson);
        }

        if (header.Event is not Coding { Code: MessageEvent.TaskStatusChanged } coding || coding.System != HubVocabulary.MessageEvents.Url)
        {
            throw FhirInputException.Unprocessable(
                $"The hub takes '{MessageEvent.TaskStatusChanged}' messages ({HubVocabulary.MessageEvents.Url}) and responses to its own messages.");
        }

        if (header.Id is not { Length: > 0 } requestId)
        {
            throw FhirInputException.Unprocessable("MessageHeader.id is required: the response names it.");
        }

        var task = message.Entry.Select(e => e.Resource).OfType<FhirTask>().FirstOrDefault(t => t.Id is { Length: > 0 });
        if (task?.Id is not { } taskId)
        {
            throw FhirInputException.Unprocessable("A task-status-changed message carries the Task (with its id) as its sender changed it.");
        }

        var response = MessageBundles.Response(
            Guid.NewGuid().ToString(), caller.OrganizationId, MessageEvent.TaskStatusChanged, requestId, MessageHeader.ResponseType.Ok, taskId, null, db.Clock.GetUtcNow());
        db.InboundMessages.Add(new InboundMessage
        {
            OrganizationId = caller.OrganizationId,
            Identifier = identifier,
            Event = MessageEvent.TaskStatusChanged,
            ReceivedAt = db.Clock.GetUtcNow().UtcDateTime,
            ResponseJson = FhirJson.Serialize(response),
        });
        auditLog.Append(new InboundMessageAudit(caller.OrganizationId, message.Identifier.Value, MessageEvent.TaskStatusChanged, signature, db.Clock.GetUtcNow()));
        await tasks.UpdateAsync(caller, taskId, task, null, cancellationToken);
        return response;
    }
}
