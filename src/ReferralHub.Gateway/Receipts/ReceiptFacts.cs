namespace ReferralHub.Gateway.Receipts;

/// <summary>
/// What a consent receipt states, before any wording: the consent as the Consent service describes it, with the names
/// the directory and the custodian's own records give. Holds the survivor's name: never log it.
/// </summary>
/// <param name="Status">The consent's FHIR status code, as the Consent service read it.</param>
/// <param name="ConsentedAt">Consent.dateTime; null when it is missing or unreadable.</param>
/// <param name="CustodianCountry">ISO 3166 code of the custodian's address in the directory (the jurisdiction).</param>
/// <param name="SurvivorName">Only from the custodian's own Patient resource; null when it has none.</param>
/// <param name="ExcludedClasses">Data-class codes no grant permits.</param>
public sealed record ReceiptFacts(
    string ConsentId,
    int ConsentVersion,
    string Status,
    DateTimeOffset? ConsentedAt,
    DateTimeOffset IssuedAt,
    string CustodianName,
    string? CustodianCountry,
    string? SurvivorName,
    IReadOnlyList<ReceiptGrant> Grants,
    IReadOnlyList<string> ExcludedClasses)
{
    public bool IsActive => Status == "active";

    /// <summary>Stable for a consent version, so a receipt printed twice carries the same number.</summary>
    public string ReceiptId => $"{ConsentId}-v{ConsentVersion}";
}

/// <summary>One grant of the consent, with the recipient's name from the directory.</summary>
/// <param name="From">The first instant the grant holds; null when it holds from the start.</param>
/// <param name="Until">The first instant after the grant (exclusive); null when it has no end.</param>
public sealed record ReceiptGrant(string RecipientOrganizationId, string RecipientName, string Purpose, IReadOnlyList<string> DataClasses, DateTimeOffset? From, DateTimeOffset? Until);
