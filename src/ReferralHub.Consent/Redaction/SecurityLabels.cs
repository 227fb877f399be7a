using Hl7.Fhir.Model;

namespace ReferralHub.Consent.Redaction;

/// <summary>DS4P labels the redactor puts in <c>meta.security</c>.</summary>
internal static class SecurityLabels
{
    public const string ObservationValueSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    public const string RedactedCode = "REDACTED";

    /// <summary>A new instance each time: POCOs are mutable and must not be shared between resources.</summary>
    public static Coding Redacted() => new(ObservationValueSystem, RedactedCode, "redacted");
}
