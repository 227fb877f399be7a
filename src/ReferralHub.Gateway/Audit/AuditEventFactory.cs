using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// AuditEvents of the log: one per disclosure of one survivor's data (after the IHE BALP PrivacyDisclosure pattern), one
/// per step of each recall, and one per operator's change to an organisation's channels (a DICOM Security Alert).
/// </summary>
public static class AuditEventFactory
{
    private const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";
    private const string EntityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private const string ObjectRole = "http://terminology.hl7.org/CodeSystem/object-role";
    public const string DataClassDetail = "data-class";

    public static AuditEvent PrivacyDisclosure(string id, DisclosureAudit disclosure)
    {
        var audit = Base(id, disclosure.At, disclosure.CustodianOrganizationId, disclosure.RecipientOrganizationId, disclosure.PatientId, disclosure.ConsentId);
        audit.Subtype = [new Coding("http://hl7.org/fhir/iso-21089-lifecycle", "disclose", "Disclose")];
        audit.Outcome = AuditEvent.AuditEventOutcome.N0;
        audit.PurposeOfEvent = [new CodeableConcept(HubVocabulary.Purposes.Url, disclosure.Purpose, HubVocabulary.Purposes.Display(disclosure.Purpose))];
        audit.Entity[1].Description = "The consent the disclosure was made under";
        audit.Entity.Add(new AuditEvent.EntityComponent
        {
            What = new ResourceReference($"Task/{disclosure.TaskId}"),
            Type = new Coding(EntityType, "2", "System Object"),
            Role = new Coding(ObjectRole, "4", "Domain Resource"),
        });
        foreach (var entity in disclosure.Entities)
        {
            var component = new AuditEvent.EntityComponent
            {
                What = new ResourceReference($"{entity.ResourceType}/{entity.SourceId}"),
                Type = new Coding(EntityType, "2", "System Object"),
                Role = new Coding(ObjectRole, "4", "Domain Resource"),
            };
            foreach (var dataClass in entity.DataClasses)
            {
                component.Detail.Add(new AuditEvent.DetailComponent { Type = DataClassDetail, Value = new FhirString(dataClass) });
            }

            audit.Entity.Add(component);
        }

        return audit;
    }

    /// <summary>
    /// A recall of the data disclosed under a consent: sent (and, until acknowledged, sent again) to the recipient,
    /// or acknowledged by it. The outcome says whether the recipient has acknowledged.
    /// </summary>
    public static AuditEvent Recall(string id, RecallAudit recall)
    {
        var audit = Base(id, recall.At, recall.CustodianOrganizationId, recall.RecipientOrganizationId, recall.PatientId, recall.ConsentId);
        var messageEvent = recall.Event;
        audit.Subtype = [new Coding(HubVocabulary.MessageEvents.Url, messageEvent, HubVocabulary.MessageEvents.Display(messageEvent))];
        audit.Outcome = recall.Step == RecallStep.Acknowledged ? AuditEvent.AuditEventOutcome.N0 : AuditEvent.AuditEventOutcome.N4;
        audit.OutcomeDesc = recall.Step == RecallStep.Acknowledged
            ? $"Recall acknowledged by Organization/{recall.RecipientOrganizationId} ({recall.Detail})."
            : $"Recall sent to Organization/{recall.RecipientOrganizationId} (attempt {recall.Attempt}: {recall.Detail}); not yet acknowledged.";
        audit.Entity[1].Description = "The consent whose disclosures are recalled";
        audit.Entity.Add(new AuditEvent.EntityComponent
        {
            What = new ResourceReference($"Bundle/{recall.MessageId}"),
            Type = new Coding(EntityType, "2", "System Object"),
            Role = new Coding(ObjectRole, "4", "Domain Resource"),
            Description = $"The {messageEvent} message",
        });
        if (recall.Signature is { } signature)
        {
            var response = new AuditEvent.EntityComponent
            {
                What = new ResourceReference { Display = $"The response of Organization/{recall.RecipientOrganizationId}" },
                Type = new Coding(EntityType, "2", "System Object"),
                Role = new Coding(ObjectRole, "3", "Report"),
            };
            AddDetail(response, "signature", signature.Code);
            AddDetail(response, "signature-kid", signature.KeyId);
            audit.Entity.Add(response);
        }

        return audit;
    }

    /// <summary>
    /// The tombstone of an erased survivor (an ISO 21089 <c>destroy</c>): who erased her, when, why (a code), and what
    /// followed; her id is the only trace of her. The disclosures recorded before it stay in the log, so the chain
    /// still verifies and the custodian can still tell whom her data had reached.
    /// </summary>
    public static AuditEvent Erasure(string id, ErasureAudit erasure)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        var audit = new AuditEvent
        {
            Id = id,
            Type = new Coding(Dicom, "110110", "Patient Record"),
            Subtype = [new Coding("http://hl7.org/fhir/iso-21089-lifecycle", "destroy", "Destroy")],
            Action = AuditEvent.AuditEventAction.D,
            Recorded = erasure.At,
            Outcome = AuditEvent.AuditEventOutcome.N0,
            OutcomeDesc = erasure.Describe(),
            PurposeOfEvent = [new CodeableConcept(HubVocabulary.ErasureReasons.Url, erasure.Reason, HubVocabulary.ErasureReasons.Display(erasure.Reason))],
            Source = HubSource(),
        };
        audit.Agent.Add(Author(erasure.CustodianOrganizationId, erasure.By));
        audit.Entity.Add(new AuditEvent.EntityComponent
        {
            What = new ResourceReference($"Patient/{erasure.PatientId}"),
            Type = new Coding(EntityType, "1", "Person"),
            Role = new Coding(ObjectRole, "1", "Patient"),
            Description = "The erased survivor: nothing of her is kept but this id",
        });
        return audit;
    }

    /// <summary>
    /// An operator changed how an organisation receives its messages: the operator is the agent, the organisation and
    /// its channel (with the new address and the one it replaced) are the entities.
    /// </summary>
    public static AuditEvent ChannelChange(string id, ChannelAudit change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var credentials = change.Kind is ChannelChangeKind.WebhookSecretRotated or ChannelChangeKind.AmqpCredentialsReset;
        var audit = new AuditEvent
        {
            Id = id,
            Type = new Coding(Dicom, "110113", "Security Alert"),
            Subtype =
            [
                credentials ? new Coding(Dicom, "110129", "Security Configuration") : new Coding(Dicom, "110128", "Network Configuration"),
                new Coding(HubVocabulary.MessageEvents.Url, MessageEvent.ChannelChanged, HubVocabulary.MessageEvents.Display(MessageEvent.ChannelChanged)),
            ],
            Action = change.Kind switch
            {
                ChannelChangeKind.WebhookEndpointCreated or ChannelChangeKind.AmqpChannelOpened => AuditEvent.AuditEventAction.C,
                ChannelChangeKind.AmqpChannelClosed => AuditEvent.AuditEventAction.D,
                _ => AuditEvent.AuditEventAction.U,
            },
            Recorded = change.At,
            Outcome = AuditEvent.AuditEventOutcome.N0,
            OutcomeDesc = change.Describe(),
            Source = HubSource(),
        };
        audit.Agent.Add(Author(change.By.OrganizationId, change.By.Subject));
        audit.Entity.Add(new AuditEvent.EntityComponent
        {
            What = new ResourceReference($"Organization/{change.OrganizationId}"),
            Type = new Coding(EntityType, "2", "System Object"),
            Role = new Coding(ObjectRole, "4", "Domain Resource"),
            Description = "The organisation whose channel changed",
        });
        var channel = new AuditEvent.EntityComponent
        {
            What = change.Channel.StartsWith("Endpoint/", StringComparison.Ordinal) ? new ResourceReference(change.Channel) : new ResourceReference { Display = change.Channel },
            Type = new Coding(EntityType, "2", "System Object"),
            Role = new Coding(ObjectRole, "16", "Data Destination"),
        };
        AddDetail(channel, "address", change.Address);
        AddDetail(channel, "previous-address", change.Previous);
        AddDetail(channel, "status", change.Active is { } active ? (active ? "active" : "off") : null);
        audit.Entity.Add(channel);
        return audit;
    }

    /// <summary>
    /// An organisation's message to the hub, received (DICOM Import): the organisation is the agent, the message the
    /// entity, with details <c>signature</c> (<c>verified</c> or <c>unsigned</c>) and <c>signature-kid</c>, the key it
    /// verified with.
    /// </summary>
    public static AuditEvent InboundMessage(string id, InboundMessageAudit message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var audit = new AuditEvent
        {
            Id = id,
            Type = new Coding(Dicom, "110107", "Import"),
            Subtype = [new Coding(HubVocabulary.MessageEvents.Url, message.Event, HubVocabulary.MessageEvents.Display(message.Event))],
            Action = AuditEvent.AuditEventAction.C,
            Recorded = message.At,
            Outcome = AuditEvent.AuditEventOutcome.N0,
            Source = HubSource(),
        };
        audit.Agent.Add(new AuditEvent.AgentComponent
        {
            Type = new CodeableConcept(Dicom, "110153", "Source Role ID"),
            Who = new ResourceReference($"Organization/{message.OrganizationId}"),
            Requestor = true,
        });
        var entity = new AuditEvent.EntityComponent
        {
            What = new ResourceReference { Identifier = new Identifier("urn:ietf:rfc:3986", message.Identifier), Display = "The message Bundle received" },
            Type = new Coding(EntityType, "2", "System Object"),
            Role = new Coding(ObjectRole, "3", "Report"),
        };
        AddDetail(entity, "signature", message.Signature.Code);
        AddDetail(entity, "signature-kid", message.Signature.KeyId);
        audit.Entity.Add(entity);
        return audit;
    }

    /// <summary>Who acted: the organisation, and the person's subject (or the API client's id) that asked.</summary>
    private static AuditEvent.AgentComponent Author(string organizationId, string subject) => new()
    {
        Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "AUT", "author (originator)"),
        Who = new ResourceReference($"Organization/{organizationId}"),
        AltId = subject,
        Requestor = true,
    };

    private static void AddDetail(AuditEvent.EntityComponent entity, string type, string? value)
    {
        if (value is not null)
        {
            entity.Detail.Add(new AuditEvent.DetailComponent { Type = type, Value = new FhirString(value) });
        }
    }

    private static AuditEvent.SourceComponent HubSource() => new()
    {
        Site = "ReferralHub",
        Observer = new ResourceReference { Display = "ReferralHub" },
        Type = [new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")],
    };

    /// <summary>What every event of the disclosure log has: the hub as source, custodian and recipient, patient and consent.</summary>
    private static AuditEvent Base(string id, DateTimeOffset at, string custodian, string recipient, string patientId, string consentId)
    {
        var audit = new AuditEvent
        {
            Id = id,
            Type = new Coding(Dicom, "110106", "Export"),
            Action = AuditEvent.AuditEventAction.R,
            Recorded = at,
            Source = HubSource(),
        };
        audit.Agent.Add(new AuditEvent.AgentComponent
        {
            Type = new CodeableConcept(Dicom, "110153", "Source Role ID"),
            Who = new ResourceReference($"Organization/{custodian}"),
            Requestor = false,
        });
        audit.Agent.Add(new AuditEvent.AgentComponent
        {
            Type = new CodeableConcept(Dicom, "110152", "Destination Role ID"),
            Who = new ResourceReference($"Organization/{recipient}"),
            Requestor = false,
        });
        audit.Entity.Add(new AuditEvent.EntityComponent
        {
            What = new ResourceReference($"Patient/{patientId}"),
            Type = new Coding(EntityType, "1", "Person"),
            Role = new Coding(ObjectRole, "1", "Patient"),
        });
        audit.Entity.Add(new AuditEvent.EntityComponent
        {
            What = new ResourceReference($"Consent/{consentId}"),
            Type = new Coding(EntityType, "2", "System Object"),
        });
        return audit;
    }
}
