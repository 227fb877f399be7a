namespace ReferralHub.Gateway.Storage;

/// <summary>
/// A message Bundle (DESIGN §6) waiting in one recipient's mailbox on the FHIR polling channel. A <c>referral-request</c>
/// keeps only its MessageHeader: the referral's resources are the recipient's current copies, added when it is read, so
/// the message never serves data that was since narrowed or withdrawn. A message sent again
/// keeps its id and <c>Bundle.identifier</c> (receivers drop duplicates by it) and gets a new version and
/// <c>lastUpdated</c>, so pollers that search by <c>_lastUpdated</c> see it again.
/// </summary>
public sealed class OutboundMessage
{
    public required string Id { get; set; }

    public required string RecipientOrganizationId { get; set; }

    /// <summary>The <c>MessageHeader.eventCoding</c> code, e.g. <c>consent-withdrawn</c>.</summary>
    public required string Event { get; set; }

    /// <summary>The organisation whose survivor the message concerns; its disclosure log records the message.</summary>
    public required string CustodianOrganizationId { get; set; }

    public required string PatientId { get; set; }

    public required string ConsentId { get; set; }

    /// <summary>The referral a <c>referral-request</c> is about; its resources are rendered into the message when read.</summary>
    public string? TaskId { get; set; }

    public int VersionId { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastUpdated { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    /// <summary>The recipient's <c>MessageHeader.response.code</c>: ok, transient-error or fatal-error.</summary>
    public string? ResponseCode { get; set; }

    public required string Json { get; set; }
}
