namespace ReferralHub.Gateway.Api;

/// <summary>
/// What the FHIR API supports, per resource type. The CapabilityStatement is generated from this table and requests
/// are checked against it, so the two cannot disagree.
/// </summary>
public static class FhirCapabilities
{
    public static readonly IReadOnlyList<string> CommonSearchParameters = ["_id", "_lastUpdated", "_count", "_offset", "_format"];

    public static readonly IReadOnlyDictionary<string, ResourceCapability> Resources = new Dictionary<string, ResourceCapability>
    {
        ["Patient"] = new(Create: true, Update: true, SearchParameters: [], Includes: []),
        ["Consent"] = new(Create: true, Update: true, SearchParameters: ["patient", "status"], Includes: []),
        ["ServiceRequest"] = new(Create: true, Update: true, SearchParameters: ["patient"], Includes: []),
        ["Observation"] = new(Create: true, Update: true, SearchParameters: ["patient"], Includes: []),
        ["Task"] = new(Create: true, Update: true, SearchParameters: ["owner", "requester", "status", "focus", "patient", "part-of", "code", "overdue", "due"], Includes: ["Task:focus", "Task:patient"]),
        ["AuditEvent"] = new(Create: false, Update: false, SearchParameters: ["patient"], Includes: []),
        ["Organization"] = new(Create: true, Update: true, SearchParameters: ["name"], Includes: []),
        ["HealthcareService"] = new(Create: true, Update: true, SearchParameters: Directory.DirectorySearch.Parameters, Includes: []),
        ["Bundle"] = new(Create: false, Update: false, SearchParameters: [], Includes: []),
        ["Communication"] = new(Create: true, Update: false, SearchParameters: ["about", "sender", "recipient"], Includes: []),
        ["Endpoint"] = new(Create: false, Update: true, SearchParameters: ["organization"], Includes: [], UpdateCreate: true),
    };

    /// <summary>
    /// Types created one at a time by <c>POST /fhir/{type}</c> under their own rules (follow-up Tasks, Communications),
    /// never in a transaction or batch Bundle.
    /// </summary>
    public static readonly IReadOnlySet<string> CreatedAlone = new HashSet<string>(StringComparer.Ordinal) { "Task", "Communication" };

    /// <summary>Operations: (resource type, or null for the system level; name; canonical of the OperationDefinition).</summary>
    public static readonly IReadOnlyList<(string? Type, string Name, string Definition)> Operations =
    [
        (null, "process-message", "http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message"),
        ("Consent", "evaluate", "http://referralhub.org/fhir/OperationDefinition/Consent-evaluate"),
        ("Consent", Receipts.ConsentReceiptEndpoints.OperationName, Receipts.ConsentReceiptEndpoints.OperationDefinition),
        ("Patient", Erasure.ErasureEndpoints.OperationName, Erasure.ErasureEndpoints.OperationDefinition),
        ("Organization", Webhooks.WebhookApi.RotateOperation, Webhooks.WebhookApi.RotateDefinition),
        ("Organization", Channels.Amqp.AmqpApi.OpenOperation, Channels.Amqp.AmqpApi.OpenDefinition),
        ("Organization", Channels.Amqp.AmqpApi.CloseOperation, Channels.Amqp.AmqpApi.CloseDefinition),
        (null, Audit.AuditApi.VerifyOperation, Audit.AuditApi.VerifyDefinition),
    ];

    public static ResourceCapability? Of(string type) => Resources.TryGetValue(type, out var capability) ? capability : null;
}

/// <param name="UpdateCreate">PUT creates a resource at a client-chosen id (the operators' webhook Endpoints).</param>
public sealed record ResourceCapability(bool Create, bool Update, IReadOnlyList<string> SearchParameters, IReadOnlyList<string> Includes, bool UpdateCreate = false);
