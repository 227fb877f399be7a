namespace ReferralHub.Contracts.Messages;

/// <summary>Event (Gateway → Routing): a referral Task changed status, through the API or on the hub's behalf.</summary>
public sealed record TaskStatusChanged(
    string TaskId,
    string RequesterOrganizationId,
    string? OwnerOrganizationId,
    string PreviousStatus,
    string Status,
    string? Reason,
    string ChangedBy,
    int Version,
    DateTimeOffset At);

/// <summary>Command (Routing → Gateway): the hub itself ends a Task (consent withdrawn, disclosure denied, no recipient).</summary>
public sealed record EndTask(string TaskId, string Status, string Reason);
