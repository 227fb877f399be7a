using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Gateway.Storage;

/// <summary>The current version of a resource a referring organisation submitted; only that organisation reads it.</summary>
public sealed class StoredResource : ISealedAtRest
{
    public required string ResourceType { get; set; }

    public required string Id { get; set; }

    public int VersionId { get; set; }

    public DateTime LastUpdated { get; set; }

    /// <summary>The organisation that submitted it. Directory resources (Organization) have none and are readable by all.</summary>
    public string? OwnerOrganizationId { get; set; }

    /// <summary>The Patient the resource is about (its own id for a Patient), for compartment searches.</summary>
    public string? PatientId { get; set; }

    /// <summary>A Consent's status, so withdrawal checks need no parsing.</summary>
    public string? Status { get; set; }

    public required string Json { get; set; }
}

/// <summary>Every version of a submitted resource or Task, for vread and history.</summary>
public sealed class ResourceVersion : ISealedAtRest
{
    public required string ResourceType { get; set; }

    public required string Id { get; set; }

    public int VersionId { get; set; }

    public DateTime LastUpdated { get; set; }

    /// <summary>The survivor a version of her resources is about (sealed under her data key); null for a Task's.</summary>
    public string? PatientId { get; set; }

    public required string Json { get; set; }
}
