using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using ReferralHub.Web.Fhir;

namespace ReferralHub.Web.Survivors;

/// <summary>The register form: the few facts a referral needs, all but the name optional.</summary>
public sealed class Registration
{
    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public DateOnly? BirthDate { get; set; }

    public int? BirthYear { get; set; }

    public string? Gender { get; set; }

    public List<string> Languages { get; set; } = [];

    public string? Phone { get; set; }

    /// <summary>Problems as (field, resource key); empty when the form can be saved.</summary>
    public IReadOnlyList<(string Field, string MessageKey)> Validate(DateOnly today)
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(GivenName))
        {
            problems.Add((nameof(GivenName), "Register.GivenNameRequired"));
        }

        if (string.IsNullOrWhiteSpace(FamilyName))
        {
            problems.Add((nameof(FamilyName), "Register.FamilyNameRequired"));
        }

        if (BirthDate is { } date && (date > today || date.Year < 1900))
        {
            problems.Add((nameof(BirthDate), "Register.BirthDateInvalid"));
        }

        if (BirthYear is { } year && (year > today.Year || year < 1900))
        {
            problems.Add((nameof(BirthYear), "Register.BirthYearInvalid"));
        }

        if (Gender is not null && !Genders.Codes.Contains(Gender))
        {
            problems.Add((nameof(Gender), "Register.GenderInvalid"));
        }

        if (Languages.Any(l => !SpokenLanguages.Codes.Contains(l)))
        {
            problems.Add((nameof(Languages), "Register.LanguageInvalid"));
        }

        return problems;
    }

    /// <summary>The Patient resource; the first language ticked is the preferred one.</summary>
    public Patient ToPatient()
    {
        var patient = new Patient
        {
            Name = [new HumanName { Given = [GivenName!.Trim()], Family = FamilyName!.Trim() }],
            BirthDate = BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? BirthYear?.ToString("D4", CultureInfo.InvariantCulture),
            Gender = Gender is null ? null : EnumUtility.ParseLiteral<AdministrativeGender>(Gender),
            Communication = [.. Languages.Distinct(StringComparer.Ordinal).Select((code, index) => new Patient.CommunicationComponent
            {
                Language = new CodeableConcept(FhirCodes.Bcp47, code),
                Preferred = index == 0 ? true : null,
            })],
        };
        if (!string.IsNullOrWhiteSpace(Phone))
        {
            patient.Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, Phone.Trim())];
        }

        return patient;
    }
}
