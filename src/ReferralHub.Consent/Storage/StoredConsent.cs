using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Consent.Storage;

/// <summary>The newest version of a Consent that Consent has heard of; older versions arriving late never replace it.</summary>
public sealed class StoredConsent : ISealedAtRest
{
    public required string Id { get; set; }

    public int Version { get; set; }

    public required string CustodianOrganizationId { get; set; }

    public required string PatientId { get; set; }

    public required string Status { get; set; }

    public required string Json { get; set; }

    public DateTime RecordedAt { get; set; }

    /// <summary>When what this active consent permits next changes by itself (a period starts or ends); null if never.</summary>
    public DateTime? NextChangeAt { get; set; }
}
