using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.FollowUps;

/// <summary>
/// Messages about follow-ups in the mailboxes (DESIGN §6), written in the transaction of what caused them:
/// <c>follow-up-due</c> to the owner when the due date is reached, <c>task-status-changed</c> to the other side when
/// a follow-up moves. The MessageHeader's <c>focus</c> names the follow-up Task first and its referral Task second;
/// like a recall, the message carries no data of the survivor, and the receiver reads the Tasks as it may see them then.
/// </summary>
public sealed class FollowUpMessages(GatewayDbContext db)
{
    /// <summary>Posts the <c>follow-up-due</c> notice to the follow-up's owner; returns the message id.</summary>
    public string PostDue(FollowUp followUp, ReferralTask referral, string dueDate, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        return Post(followUp, referral, followUp.OwnerOrganizationId, MessageEvent.FollowUpDue, $"The follow-up is due on {dueDate}.", at);
    }

    public void PostStatusChanged(FollowUp followUp, ReferralTask referral, string recipientOrganizationId, string previousStatus, string status, DateTimeOffset at) =>
        Post(followUp, referral, recipientOrganizationId, MessageEvent.TaskStatusChanged, $"The follow-up moved from '{previousStatus}' to '{status}'.", at);

    private string Post(FollowUp followUp, ReferralTask referral, string recipientOrganizationId, string messageEvent, string reason, DateTimeOffset at)
    {
        var id = Guid.NewGuid().ToString();
        var header = new MessageHeader
        {
            Id = id,
            Event = new Coding(HubVocabulary.MessageEvents.Url, messageEvent, HubVocabulary.MessageEvents.Display(messageEvent)),
            Destination = [new MessageHeader.MessageDestinationComponent
            {
                Endpoint = $"urn:referralhub:organization:{recipientOrganizationId}",
                Receiver = new ResourceReference($"Organization/{recipientOrganizationId}"),
            }],
            Source = new MessageHeader.MessageSourceComponent { Name = "ReferralHub", Endpoint = MessageBundles.HubEndpoint },
            Reason = new CodeableConcept { Text = reason },
            Focus = [new ResourceReference($"Task/{followUp.Id}"), new ResourceReference($"Task/{referral.Id}")],
        };
        var bundle = new Bundle
        {
            Id = id,
            Type = Bundle.BundleType.Message,
            Identifier = new Identifier("urn:ietf:rfc:3986", $"urn:uuid:{id}"),
            Timestamp = at,
            Entry = [new Bundle.EntryComponent { FullUrl = $"urn:uuid:{id}", Resource = header }],
        };
        SubmittedResources.Stamp(bundle, 1, at.UtcDateTime);
        db.OutboundMessages.Add(new OutboundMessage
        {
            Id = id,
            RecipientOrganizationId = recipientOrganizationId,
            Event = messageEvent,
            CustodianOrganizationId = referral.RequesterOrganizationId,
            PatientId = referral.PatientId,
            ConsentId = referral.ConsentId ?? string.Empty,
            VersionId = 1,
            Attempts = 1,
            CreatedAt = at.UtcDateTime,
            LastUpdated = at.UtcDateTime,
            Json = FhirJson.Serialize(bundle),
        });
        return id;
    }
}
