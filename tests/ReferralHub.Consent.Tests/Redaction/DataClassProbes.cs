using Hl7.Fhir.Model;
using ReferralHub.Consent.Redaction;
using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Consent.Tests.Redaction;

/// <summary>For each data class, whether its data shows in the redacted fixtures. Keyed by every code of the CodeSystem.</summary>
internal static class DataClassProbes
{
    public static IReadOnlyDictionary<string, Func<IReadOnlyDictionary<string, RedactionResult>, bool>> ByClass { get; } =
        new Dictionary<string, Func<IReadOnlyDictionary<string, RedactionResult>, bool>>
        {
            [DataClass.Referral] = r => r["ServiceRequest"].Resource is ServiceRequest { Code: not null } && r["Patient"].Resource is not null,
            [DataClass.Name] = r => Patient(r).Name.Count > 0,
            [DataClass.BirthDate] = r => Patient(r).BirthDate == "1990-05-17",
            [DataClass.BirthYear] = r => Patient(r).BirthDate?.StartsWith("1990", StringComparison.Ordinal) == true,
            [DataClass.Gender] = r => Patient(r).Gender is not null,
            [DataClass.Contact] = r => Patient(r).Telecom.Count > 0 && Patient(r).Address.Count > 0,
            [DataClass.Language] = r => Patient(r).Communication.Count > 0,
            [DataClass.Nationality] = r => Patient(r).Extension.Any(e => e.Url == "http://hl7.org/fhir/StructureDefinition/patient-nationality"),
            [DataClass.IdentityDocuments] = r => Patient(r).Identifier.Count > 0,
            [DataClass.Family] = r => Patient(r).Contact.Count > 0,
            [DataClass.Needs] = r => ServiceRequest(r).ReasonCode.Count > 0 && ServiceRequest(r).ReasonReference.Count > 0,
            [DataClass.CaseNotes] = r => ServiceRequest(r).Note.Count > 0,
            [DataClass.Education] = r => r["Observation/education"].Resource is not null,
            [DataClass.Employment] = r => r["Observation/employment"].Resource is not null,
            [DataClass.Health] = r => r["Observation/health"].Resource is not null,
            [DataClass.Exploitation] = r => r["Observation/exploitation"].Resource is not null,
        };

    /// <summary>Classes whose data another class shows too: the full birth date shows the year.</summary>
    public static IReadOnlyList<string> ShownAlongWith(string dataClass) => dataClass == DataClass.BirthDate ? [DataClass.BirthYear] : [];

    public static IReadOnlyList<string> ShowingAlso(string dataClass) => dataClass == DataClass.BirthYear ? [DataClass.BirthDate] : [];

    private static Patient Patient(IReadOnlyDictionary<string, RedactionResult> results) => results["Patient"].Resource as Patient ?? new Patient();

    private static ServiceRequest ServiceRequest(IReadOnlyDictionary<string, RedactionResult> results) =>
        results["ServiceRequest"].Resource as ServiceRequest ?? new ServiceRequest();
}
