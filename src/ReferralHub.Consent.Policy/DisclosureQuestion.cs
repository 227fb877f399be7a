namespace ReferralHub.Consent.Policy;

/// <summary>The single question a provision tree answers: may this data class go to this recipient, for this purpose, now?</summary>
internal sealed record DisclosureQuestion(string RecipientOrganizationId, string Purpose, string DataClass, DateTimeOffset At);
