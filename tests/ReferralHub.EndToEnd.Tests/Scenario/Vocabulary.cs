namespace ReferralHub.EndToEnd.Tests.Scenario;

/// <summary>The code systems of DESIGN §7 and the HL7 ones the contract uses.</summary>
public static class Vocabulary
{
    public const string DataClass = "http://referralhub.org/fhir/CodeSystem/data-class";
    public const string Purpose = "http://referralhub.org/fhir/CodeSystem/purpose";
    public const string Service = "http://referralhub.org/fhir/CodeSystem/reintegration-service";
    public const string MessageEvent = "http://referralhub.org/fhir/CodeSystem/message-event";
    public const string ConsentScope = "http://terminology.hl7.org/CodeSystem/consentscope";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    public const string ObservationValue = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    public const string Loinc = "http://loinc.org";
    public const string Bcp47 = "urn:ietf:bcp:47";
    public const string ReferralIdentifierSystem = "urn:example:shelter-it-roma:referrals";

    /// <summary>The data classes the scenario's consent permits to ngo-ng-edo.</summary>
    public static readonly string[] ConsentedClasses = ["referral", "name", "birth-year", "language", "education"];

    /// <summary>Data classes present in the referral that the consent does not permit.</summary>
    public static readonly string[] WithheldClasses = ["health", "contact", "case-notes", "birth-date", "gender"];

    public static bool IsRedactedLabel(Coding coding) => coding.System == ObservationValue && coding.Code == "REDACTED";
}

/// <summary>Turns references into <c>Type/id</c>, whether the hub wrote them relative, absolute or versioned.</summary>
public static class Refs
{
    public static string? Of(ResourceReference? reference) => Of(reference?.Reference);

    public static string? Of(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var parts = reference.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var history = Array.IndexOf(parts, "_history");
        if (history >= 0)
        {
            parts = parts[..history];
        }

        return parts.Length >= 2 ? $"{parts[^2]}/{parts[^1]}" : reference;
    }

    public static string IdOf(string typeAndId) => typeAndId[(typeAndId.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
