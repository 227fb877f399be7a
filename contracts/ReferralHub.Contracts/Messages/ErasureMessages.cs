namespace ReferralHub.Contracts.Messages;

/// <summary>
/// Event (Gateway → Consent, Routing): the custodian erased a survivor. The Gateway has already destroyed her data key
/// and deleted what it held of her; each service now deletes what it holds (her consents, the messages that carried her
/// sealed data), Routing ends her referrals and sends every recipient that received her data a
/// <c>survivor-erased</c> notice until acknowledged. Ids and a code only: nothing of her travels.
/// </summary>
/// <param name="Reason">A code of the erasure-reason CodeSystem.</param>
public sealed record SurvivorErased(string PatientId, string CustodianOrganizationId, string Reason, DateTimeOffset At);
