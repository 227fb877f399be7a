using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using ReferralHub.Consent.Redaction;
using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Redaction.Labels;

namespace ReferralHub.Consent.Tests.Redaction;

/// <summary>
/// Every view carries a confidentiality code; the REDACTED label appears exactly when something present in the source
/// was withheld.
/// </summary>
public sealed class RedactedLabelTests
{
    private static readonly HashSet<string> Everything = [.. DataClassCodes.All];

    private static Patient Plain() => new()
    {
        Id = "p",
        Name = [new HumanName { Family = "Doe", Given = ["Jane"] }],
        Gender = AdministrativeGender.Female,
        BirthDate = "1990-05-17",
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, "+2348000000")],
    };

    private static RedactionResult Redact(Resource source, IEnumerable<string> permitted) =>
        new Redactor().Redact(source, permitted.ToHashSet(StringComparer.Ordinal));

    [Fact]
    public void Nothing_withheld_means_no_REDACTED_label_and_only_the_confidentiality_code_in_meta()
    {
        var result = Redact(Plain(), Everything);

        Assert.False(result.Redacted);
        Assert.False(IsLabelledRedacted(result.Resource));
        Assert.Equal("N", ConfidentialityOf(result.Resource));
        Assert.Single(result.Resource!.Meta!.Security);
        Assert.True(Plain().IsExactly(WithoutLabels(result.Resource)));
    }

    [Fact]
    public void The_source_meta_is_bookkeeping_and_withholding_it_is_not_redaction()
    {
        var patient = Plain();
        patient.Meta = new Meta { VersionId = "3", LastUpdated = DateTimeOffset.Parse("2025-02-20T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture) };

        var result = Redact(patient, Everything);

        Assert.False(result.Redacted);
        Assert.Null(result.Resource!.Meta!.VersionId);
        Assert.Null(result.Resource.Meta.LastUpdated);
        Assert.Single(result.Resource.Meta.Security);
    }

    [Fact]
    public void A_class_not_permitted_whose_data_is_present_labels_the_view()
    {
        var result = Redact(Plain(), Everything.Except([DataClass.Contact]));

        Assert.True(result.Redacted);
        Assert.True(IsLabelledRedacted(result.Resource));
        Assert.Equal("N", ConfidentialityOf(result.Resource));
        Assert.Equal(2, result.Resource!.Meta!.Security.Count);
    }

    [Fact]
    public void A_class_not_permitted_whose_data_is_absent_does_not_label_the_view()
    {
        var result = Redact(Plain(), Everything.Except([DataClass.Family, DataClass.Nationality]));

        Assert.False(result.Redacted);
    }

    [Fact]
    public void A_dropped_narrative_labels_the_view()
    {
        var patient = Plain();
        patient.Text = new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">Jane</div>" };

        Assert.True(IsLabelledRedacted(Redact(patient, Everything).Resource));
    }

    [Fact]
    public void A_dropped_reference_display_labels_the_view()
    {
        var patient = Plain();
        patient.Contact.Add(new Patient.ContactComponent { Organization = new ResourceReference("Organization/o", "Village school") });

        Assert.True(IsLabelledRedacted(Redact(patient, Everything).Resource));
    }

    [Fact]
    public void A_dropped_extension_on_an_allowed_element_labels_the_view()
    {
        var patient = Plain();
        patient.Name[0].FamilyElement!.Extension.Add(new Extension("http://example.org/origin", new FhirString("x")));

        var result = Redact(patient, Everything);

        Assert.True(result.Redacted);
        Assert.Empty(((Patient)result.Resource!).Name[0].FamilyElement!.Extension);
    }

    [Fact]
    public void Unknown_content_kept_by_a_lenient_parser_is_dropped_and_labels_the_view()
    {
        const string Json = """{ "resourceType": "Patient", "id": "p", "name": [{ "family": "Doe", "nickname": "CANARY.never.overflow" }], "favouriteColour": "CANARY.never.overflow-root" }""";
        var lenient = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));
        var patient = lenient.Deserialize<Patient>(Json);

        var result = Redact(patient, Everything);

        Assert.True(result.Redacted);
        Assert.DoesNotContain("CANARY", Fixtures.Serialize(result.Resource!), StringComparison.Ordinal);
        Assert.Equal("Doe", ((Patient)result.Resource!).Name[0].Family);
    }

    [Fact]
    public void A_withheld_resource_counts_as_redacted()
    {
        var result = Redact(new Condition { Id = "c" }, Everything);

        Assert.Null(result.Resource);
        Assert.True(result.Redacted);
    }

    [Fact]
    public void Every_fixture_is_labelled_whatever_is_permitted_because_each_has_something_no_class_covers()
    {
        foreach (var json in Fixtures.All.Values)
        {
            var result = new Redactor().Redact(Fixtures.Parse(json), Everything);

            Assert.True(result.Redacted);
            Assert.True(IsLabelledRedacted(result.Resource));
        }
    }
}
