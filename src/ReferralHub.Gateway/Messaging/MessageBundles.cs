using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Gateway.Messaging;

/// <summary>The message Bundles of DESIGN §6: <c>Bundle.type = message</c>, a MessageHeader first.</summary>
public static class MessageBundles
{
    public const string HubEndpoint = "urn:referralhub:hub";

    /// <summary>The reason of a recall that is an erasure notice (<c>survivor-erased</c>) rather than a <c>consent-withdrawn</c>.</summary>
    public const string ErasureNoticeReason = MessageEvent.SurvivorErased;

    /// <summary>The event of a recall: a survivor's erasure notice, or the recall of what a consent covered.</summary>
    public static string RecallEvent(string reason) => reason == ErasureNoticeReason ? MessageEvent.SurvivorErased : MessageEvent.ConsentWithdrawn;

    /// <summary>The reasons a recall gives, in words a recipient can act on.</summary>
    public static string RecallText(string reason) => reason switch
    {
        ErasureNoticeReason => "The survivor's data was erased from the hub. Delete everything you received "
            + "about her through the hub, and anything you derived from it, then acknowledge this message. The hub no longer serves any of it.",
        "consent-expired" => "The survivor's consent has expired." + RecallAction,
        "consent-no-longer-permits" => "The survivor's consent no longer permits this data to be shared with you." + RecallAction,
        _ => "The survivor has withdrawn consent." + RecallAction,
    };

    private const string RecallAction = " Data you received under it may no longer be used: stop using it and delete it, then acknowledge this message.";

    /// <summary>A <c>referral-request</c>: its focus is the recipient's Task; the resources are added when it is read.</summary>
    public static Bundle ReferralRequest(string messageId, string recipientOrganizationId, string taskId, DateTimeOffset at) =>
        Message(messageId, MessageEvent.ReferralRequest, recipientOrganizationId, at, header => header.Focus = [new ResourceReference($"Task/{taskId}")]);

    /// <summary>
    /// A <c>task-status-changed</c> notice: its focus is the Task, added when it is read as the receiver sees it then,
    /// with the step and the reason; the reason the Task gives says why.
    /// </summary>
    public static Bundle TaskStatusChanged(string messageId, string recipientOrganizationId, string taskId, string previousStatus, string status, DateTimeOffset at) =>
        Message(messageId, MessageEvent.TaskStatusChanged, recipientOrganizationId, at, header =>
        {
            header.Reason = new CodeableConcept { Text = $"The Task moved from '{previousStatus}' to '{status}'." };
            header.Focus = [new ResourceReference($"Task/{taskId}")];
        });

    /// <summary>A notice about Tasks (e.g. <c>follow-up-due</c>): its focus names them, its reason says why; it carries no data.</summary>
    public static Bundle AboutTasks(string messageId, string messageEvent, string recipientOrganizationId, string reason, IEnumerable<string> taskIds, DateTimeOffset at) =>
        Message(messageId, messageEvent, recipientOrganizationId, at, header =>
        {
            header.Reason = new CodeableConcept { Text = reason };
            header.Focus = [.. taskIds.Select(id => new ResourceReference($"Task/{id}"))];
        });

    /// <summary>
    /// A recall (<c>consent-withdrawn</c>, or <c>survivor-erased</c>, by <see cref="RecallEvent"/>): its focus is the
    /// recipient's Tasks and its Patient (under the recipient's own ids), so it can find what to delete; it carries no
    /// data of the survivor.
    /// </summary>
    public static Bundle Recall(string messageId, string recipientOrganizationId, IEnumerable<string> taskIds, string? patientLocalId, string reason, DateTimeOffset at) =>
        Message(messageId, RecallEvent(reason), recipientOrganizationId, at, header =>
        {
            header.Reason = new CodeableConcept { Text = RecallText(reason) };
            header.Focus = [.. taskIds.Select(id => new ResourceReference($"Task/{id}"))];
            if (patientLocalId is not null)
            {
                header.Focus.Add(new ResourceReference($"Patient/{patientLocalId}"));
            }
        });

    /// <summary>
    /// A <c>channel-changed</c> notice: an operator changed how the organisation receives its messages. Its reason says
    /// what changed and who changed it; its focus is the AuditEvent recording the change, which the organisation reads.
    /// </summary>
    public static Bundle ChannelChanged(string messageId, string recipientOrganizationId, string description, string auditEventId, DateTimeOffset at) =>
        Message(messageId, MessageEvent.ChannelChanged, recipientOrganizationId, at, header =>
        {
            header.Reason = new CodeableConcept { Text = description };
            header.Focus = [new ResourceReference($"AuditEvent/{auditEventId}")];
        });

    /// <summary>The first entry's MessageHeader of a message Bundle, or null if the Bundle is not one.</summary>
    public static MessageHeader? HeaderOf(Bundle bundle) =>
        bundle.Type == Bundle.BundleType.Message ? bundle.Entry.FirstOrDefault()?.Resource as MessageHeader : null;

    /// <summary>
    /// The hub's answer to an organisation's message: <c>MessageHeader.response</c> names the request's MessageHeader id
    /// and says <c>ok</c>, <c>transient-error</c> (send it again later) or <c>fatal-error</c> (do not: the OperationOutcome
    /// in <c>response.details</c> says why).
    /// </summary>
    public static Bundle Response(string messageId, string recipientOrganizationId, string messageEvent, string requestId, MessageHeader.ResponseType code, string? taskId, OperationOutcome? details, DateTimeOffset at)
    {
        var detailsUrl = $"urn:uuid:{Guid.NewGuid()}";
        var bundle = Message(messageId, messageEvent, recipientOrganizationId, at, header =>
        {
            header.Response = new MessageHeader.ResponseComponent
            {
                Identifier = requestId,
                Code = code,
                Details = details is null ? null : new ResourceReference(detailsUrl),
            };
            if (taskId is not null)
            {
                header.Focus = [new ResourceReference($"Task/{taskId}")];
            }
        });
        if (details is not null)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = detailsUrl, Resource = details });
        }

        return bundle;
    }

    private static Bundle Message(string messageId, string messageEvent, string recipientOrganizationId, DateTimeOffset at, Action<MessageHeader> complete)
    {
        var header = new MessageHeader
        {
            Id = messageId,
            Event = new Coding(HubVocabulary.MessageEvents.Url, messageEvent, HubVocabulary.MessageEvents.Display(messageEvent)),
            Destination = [new MessageHeader.MessageDestinationComponent
            {
                Endpoint = $"urn:referralhub:organization:{recipientOrganizationId}",
                Receiver = new ResourceReference($"Organization/{recipientOrganizationId}"),
            }],
            Source = new MessageHeader.MessageSourceComponent { Name = "ReferralHub", Endpoint = HubEndpoint },
        };
        complete(header);
        return new Bundle
        {
            Id = messageId,
            Type = Bundle.BundleType.Message,
            Identifier = new Identifier("urn:ietf:rfc:3986", $"urn:uuid:{messageId}"),
            Timestamp = at,
            Entry = [new Bundle.EntryComponent { FullUrl = $"urn:uuid:{messageId}", Resource = header }],
        };
    }
}
