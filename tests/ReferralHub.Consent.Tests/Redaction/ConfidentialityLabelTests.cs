using Hl7.Fhir.Model;
using ReferralHub.Consent.Redaction;
using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Redaction.Labels;

namespace ReferralHub.Consent.Tests.Redaction;

/// <summary>DS4P: every disclosed view carries a v3-Confidentiality code, R for health, exploitation and case notes.</summary>
public sealed class ConfidentialityLabelTests
{
    private const string DataClassSystem = "http://referralhub.org/fhir/CodeSystem/data-class";

    private static readonly HashSet<string> Everything = [.. DataClassCodes.All];

    private static Resource? View(Resource source) => new Redactor().Redact(source, Everything).Resource;

    private static Observation ObservationOf(string dataClass) => new()
    {
        Id = "o",
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(DataClassSystem, dataClass)],
        Code = new CodeableConcept { Text = "history" },
        Value = new FhirString("value"),
    };

    [Theory]
    [InlineData(DataClass.Health, "R")]
    [InlineData(DataClass.Exploitation, "R")]
    [InlineData(DataClass.Education, "N")]
    [InlineData(DataClass.Employment, "N")]
    public void An_observation_is_labelled_by_its_data_class(string dataClass, string confidentiality) =>
        Assert.Equal(confidentiality, ConfidentialityOf(View(ObservationOf(dataClass))));

    [Fact]
    public void A_service_request_with_case_notes_is_restricted_and_without_them_normal()
    {
        var request = new ServiceRequest { Id = "s", Status = RequestStatus.Active, Intent = RequestIntent.Order, Note = [new Annotation { Text = "notes" }] };

        Assert.Equal("R", ConfidentialityOf(View(request)));
        Assert.Equal("N", ConfidentialityOf(new Redactor().Redact(request, Everything.Except([DataClass.CaseNotes]).ToHashSet()).Resource));
    }

    [Fact]
    public void A_patient_is_normal()
    {
        var patient = new Patient { Id = "p", Name = [new HumanName { Family = "Doe" }], Gender = AdministrativeGender.Female };

        Assert.Equal("N", ConfidentialityOf(View(patient)));
    }
}
