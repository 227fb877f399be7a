namespace ReferralHub.Gateway.Audit;

/// <summary>What one disclosure was: to whom, of whose data, which resources and classes, under which consent.</summary>
public sealed record DisclosureAudit(
    string CustodianOrganizationId,
    string RecipientOrganizationId,
    string PatientId,
    string ConsentId,
    string Purpose,
    string TaskId,
    IReadOnlyList<DisclosedEntity> Entities,
    DateTimeOffset At);

public sealed record DisclosedEntity(string ResourceType, string SourceId, IReadOnlyList<string> DataClasses);
