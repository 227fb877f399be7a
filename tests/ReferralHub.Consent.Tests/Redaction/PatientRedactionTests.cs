using Hl7.Fhir.Model;
using ReferralHub.Consent.Redaction;
using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Redaction.Fixtures;

namespace ReferralHub.Consent.Tests.Redaction;

public sealed class PatientRedactionTests
{
    private static RedactionResult Redact(string json, params string[] permitted) =>
        new Redactor().Redact(Parse(json), permitted.ToHashSet(StringComparer.Ordinal));

    [Fact]
    public void A_patient_with_only_referral_permitted_is_a_bare_id_labelled_redacted()
    {
        var result = Redact(PatientJson, DataClass.Referral);

        Assert.Equal(
            """{"resourceType":"Patient","id":"survivor-7f3a","meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"N","display":"normal"},{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationValue","code":"REDACTED","display":"redacted"}]}}""",
            Serialize(result.Resource!));
        Assert.Equal([DataClass.Referral], result.DataClasses);
        Assert.True(result.Redacted);
    }

    [Fact]
    public void Birth_year_alone_reduces_the_birth_date_to_its_year()
    {
        var patient = (Patient)Redact(PatientJson, DataClass.Referral, DataClass.BirthYear).Resource!;

        Assert.Equal("1990", patient.BirthDate);
    }

    [Fact]
    public void Birth_date_shows_the_full_date_whether_or_not_birth_year_is_permitted()
    {
        var dateOnly = (Patient)Redact(PatientJson, DataClass.Referral, DataClass.BirthDate).Resource!;
        var both = Redact(PatientJson, DataClass.Referral, DataClass.BirthDate, DataClass.BirthYear);

        Assert.Equal("1990-05-17", dateOnly.BirthDate);
        Assert.Equal("1990-05-17", ((Patient)both.Resource!).BirthDate);
        Assert.Equal([DataClass.Referral, DataClass.BirthDate], both.DataClasses);
    }

    [Fact]
    public void Reducing_a_birth_date_to_its_year_counts_as_redacted_but_a_year_already_alone_does_not()
    {
        const string FullDate = """{ "resourceType": "Patient", "id": "p", "birthDate": "1990-05-17" }""";
        const string YearOnly = """{ "resourceType": "Patient", "id": "p", "birthDate": "1990" }""";

        var reduced = Redact(FullDate, DataClass.Referral, DataClass.BirthYear);
        var unchanged = Redact(YearOnly, DataClass.Referral, DataClass.BirthYear);

        Assert.True(reduced.Redacted);
        Assert.False(unchanged.Redacted);
        Assert.Equal("1990", ((Patient)unchanged.Resource!).BirthDate);
        Assert.Equal([DataClass.Referral, DataClass.BirthYear], unchanged.DataClasses);
    }

    [Fact]
    public void A_birth_date_that_is_not_a_valid_date_gives_no_year()
    {
        var patient = new Patient { Id = "p", BirthDateElement = new Date { JsonValue = "17/05/1990" } };

        var result = new Redactor().Redact(patient, new HashSet<string> { DataClass.Referral, DataClass.BirthYear });

        Assert.Null(((Patient)result.Resource!).BirthDate);
    }

    [Fact]
    public void Nationality_keeps_only_the_code_and_period_parts_of_its_extension()
    {
        var patient = (Patient)Redact(PatientJson, DataClass.Referral, DataClass.Nationality).Resource!;

        var nationality = Assert.Single(patient.Extension);
        Assert.Equal(["code", "period"], nationality.Extension.Select(e => e.Url));
        Assert.Equal("NG", Assert.IsType<CodeableConcept>(nationality.Extension[0].Value).Coding[0].Code);
    }

    [Fact]
    public void The_family_contacts_organisation_keeps_its_reference_but_not_its_display()
    {
        var patient = (Patient)Redact(PatientJson, DataClass.Referral, DataClass.Family).Resource!;

        var organization = Assert.Single(patient.Contact).Organization;
        Assert.NotNull(organization);
        Assert.Equal("Organization/school", organization.Reference);
        Assert.Null(organization.Display);
    }

    [Fact]
    public void A_patient_with_every_class_permitted_still_loses_what_no_class_covers()
    {
        var patient = (Patient)Redact(PatientJson, [.. DataClassCodes.All]).Resource!;

        Assert.Null(patient.Text);
        Assert.Empty(patient.Contained);
        Assert.Empty(patient.ModifierExtension);
        Assert.Null(patient.Active);
        Assert.Null(patient.MaritalStatus);
        Assert.Null(patient.Deceased);
        Assert.Null(patient.MultipleBirth);
        Assert.Empty(patient.Photo);
        Assert.Empty(patient.GeneralPractitioner);
        Assert.Null(patient.ManagingOrganization);
        Assert.Empty(patient.Link);
        Assert.Null(patient.Language);
        Assert.Null(patient.ImplicitRules);
        Assert.Single(patient.Extension);
    }
}
