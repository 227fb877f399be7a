using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Consent.Redaction;

/// <summary>
/// DS4P labels the redactor puts in <c>meta.security</c>: a confidentiality code on every view, and REDACTED on a view
/// from which anything was withheld.
/// </summary>
internal static class SecurityLabels
{
    public const string ObservationValueSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    public const string ConfidentialitySystem = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

    public const string RedactedCode = "REDACTED";

    /// <summary>
    /// The classes whose data is restricted (<c>R</c>): health and the trafficking experience, and the caseworker's
    /// narrative, which may describe either. Any other view is normal (<c>N</c>).
    /// </summary>
    private static readonly HashSet<string> Restricted = [DataClass.Health, DataClass.Exploitation, DataClass.CaseNotes];

    /// <summary>A new instance each time: POCOs are mutable and must not be shared between resources.</summary>
    public static Coding Redacted() => new(ObservationValueSystem, RedactedCode, "redacted");

    public static Coding Confidentiality(IEnumerable<string> dataClasses) =>
        dataClasses.Any(Restricted.Contains)
            ? new Coding(ConfidentialitySystem, "R", "restricted")
            : new Coding(ConfidentialitySystem, "N", "normal");
}
