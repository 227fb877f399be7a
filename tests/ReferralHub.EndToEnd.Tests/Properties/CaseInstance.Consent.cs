using System.Globalization;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>The survivor's Consents, their provision trees written out as FHIR R4.</summary>
public sealed partial class CaseInstance
{
    private FhirConsent BuildConsent(int index, ConsentShape shape)
    {
        var consent = new FhirConsent
        {
            Status = shape.Status switch
            {
                ConsentStatus.Active => FhirConsent.ConsentState.Active,
                ConsentStatus.Inactive => FhirConsent.ConsentState.Inactive,
                ConsentStatus.Draft => FhirConsent.ConsentState.Draft,
                ConsentStatus.Proposed => FhirConsent.ConsentState.Proposed,
                ConsentStatus.Rejected => FhirConsent.ConsentState.Rejected,
                _ => FhirConsent.ConsentState.EnteredInError,
            },
            Scope = new CodeableConcept(Vocabulary.ConsentScope, "patient-privacy"),
            Category = [new CodeableConcept(Vocabulary.Loinc, "59284-0")],
            Patient = new ResourceReference(PatientUrn),
            DateTimeElement = shape.Recorded is { } recorded ? new FhirDateTime(recorded.FhirValue) : null,
            Organization = [new ResourceReference($"Organization/{Shelter}")],
            PolicyRule = new CodeableConcept(Vocabulary.ActCode, "OPTIN"),
            Text = Narrative($"Consent#{index}", $"C{index}NARRATIVE"),
            Provision = Provision(shape.Root),
        };
        if (shape.NotUnderstood)
        {
            consent.ModifierExtension.Add(new Extension($"{ExtensionBase}consent-condition", new FhirString(Canary($"Consent#{index}", $"C{index}CONDITION", Disclosure.Never))));
        }

        return consent;
    }

    private FhirConsent.provisionComponent Provision(RuleShape rule)
    {
        var provision = new FhirConsent.provisionComponent
        {
            Type = rule.Kind switch
            {
                RuleKind.Permit => FhirConsent.ConsentProvisionType.Permit,
                RuleKind.Deny => FhirConsent.ConsentProvisionType.Deny,
                _ => null,
            },
            Actor = [.. rule.Actors.Select(actor => new FhirConsent.provisionActorComponent
            {
                Role = new CodeableConcept(Vocabulary.ParticipationType, actor.InformationRecipient ? "IRCP" : "PRCP"),
                Reference = new ResourceReference($"Organization/{actor.Organization}"),
            })],
            Purpose = [.. rule.Purposes.Select(code => new Coding(code.HubSystem ? Vocabulary.Purpose : CodeShape.ForeignSystem, code.Code))],
            Class = [.. rule.Classes.Select(code => new Coding(code.HubSystem ? Vocabulary.DataClass : CodeShape.ForeignSystem, code.Code))],
            Period = Period(rule.Period),
            Provision = [.. rule.Exceptions.Select(Provision)],
        };
        switch (rule.Restriction)
        {
            case RuleRestriction.DiscloseAction:
                provision.Action.Add(new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentaction", "disclose"));
                break;
            case RuleRestriction.AccessActionOnly:
                provision.Action.Add(new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentaction", "access"));
                break;
            case RuleRestriction.SecurityLabel:
                provision.SecurityLabel.Add(new Coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R"));
                break;
            case RuleRestriction.Code:
                provision.Code.Add(new CodeableConcept(Vocabulary.Loinc, "11506-3"));
                break;
            case RuleRestriction.DataPeriod:
                provision.DataPeriod = new Period { Start = "2020-01-01" };
                break;
        }

        return provision;
    }

    /// <summary>Day-precision bounds at least 30 days from now, so a run that crosses midnight changes nothing.</summary>
    private Period? Period(PeriodKind kind)
    {
        string Day(int days) => Now.UtcDateTime.Date.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return kind switch
        {
            PeriodKind.Past => new Period { Start = Day(-400), End = Day(-30) },
            PeriodKind.Current => new Period { Start = Day(-30), End = Day(30) },
            PeriodKind.Future => new Period { Start = Day(30), End = Day(400) },
            PeriodKind.OpenStart => new Period { End = Day(30) },
            PeriodKind.OpenEnd => new Period { Start = Day(-30) },
            PeriodKind.EndBeforeStart => new Period { Start = Day(30), End = Day(-30) },
            _ => null,
        };
    }
}
