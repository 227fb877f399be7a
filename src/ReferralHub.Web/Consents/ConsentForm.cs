using System.Globalization;
using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Web.Consents;

/// <summary>
/// The consent form: one recipient, one purpose, the data classes the survivor agreed to, an optional last day. The
/// referral class is always included (nothing can be shared without it).
/// </summary>
public sealed class ConsentForm
{
    public const string ScopeSystem = "http://terminology.hl7.org/CodeSystem/consentscope";
    public const string Loinc = "http://loinc.org";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    /// <summary>The classes a caseworker chooses among, in the order the form explains them.</summary>
    public static readonly IReadOnlyList<string> ChoosableClasses =
        [.. HubVocabulary.DataClasses.Concepts.Select(c => c.Code).Where(code => code != DataClass.Referral)];

    public string? Recipient { get; set; }

    public string? Purpose { get; set; }

    public List<string> DataClasses { get; set; } = [];

    public DateOnly? EndDate { get; set; }

    public IReadOnlyList<(string Field, string MessageKey)> Validate(IReadOnlyCollection<string> recipients, DateOnly today)
    {
        var problems = new List<(string, string)>();
        if (Recipient is null || !recipients.Contains(Recipient))
        {
            problems.Add((nameof(Recipient), "Consent.RecipientRequired"));
        }

        if (!HubVocabulary.Purposes.Contains(Purpose))
        {
            problems.Add((nameof(Purpose), "Consent.PurposeRequired"));
        }

        if (DataClasses.Any(c => !ChoosableClasses.Contains(c)))
        {
            problems.Add((nameof(DataClasses), "Consent.ClassInvalid"));
        }

        if (EndDate is { } end && end < today)
        {
            problems.Add((nameof(EndDate), "Consent.EndDateInPast"));
        }

        return problems;
    }

    /// <summary>The Consent (DESIGN §7): deny by default, one permit for the recipient, purpose and classes.</summary>
    public FhirConsent ToConsent(string patientId, string custodian, DateTimeOffset now) => new()
    {
        Status = FhirConsent.ConsentState.Active,
        Scope = new CodeableConcept(ScopeSystem, "patient-privacy"),
        Category = [new CodeableConcept(Loinc, "59284-0")],
        Patient = new ResourceReference($"Patient/{patientId}"),
        DateTimeElement = new FhirDateTime(now),
        Organization = [new ResourceReference($"Organization/{custodian}")],
        PolicyRule = new CodeableConcept(ActCode, "OPTIN"),
        Provision = new FhirConsent.provisionComponent
        {
            Type = FhirConsent.ConsentProvisionType.Deny,
            Period = EndDate is { } end ? new Period { End = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) } : null,
            Provision =
            [
                new FhirConsent.provisionComponent
                {
                    Type = FhirConsent.ConsentProvisionType.Permit,
                    Actor =
                    [
                        new FhirConsent.provisionActorComponent
                        {
                            Role = new CodeableConcept(ParticipationType, "IRCP"),
                            Reference = new ResourceReference($"Organization/{Recipient}"),
                        },
                    ],
                    Purpose = [new Coding(HubVocabulary.Purposes.Url, Purpose)],
                    Class = [.. DataClasses.Prepend(DataClass.Referral).Distinct(StringComparer.Ordinal).Select(code => new Coding(HubVocabulary.DataClasses.Url, code))],
                },
            ],
        },
    };
}
