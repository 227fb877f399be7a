using Hl7.Fhir.Model;
using ReferralHub.Consent.Redaction;
using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Redaction.Fixtures;

namespace ReferralHub.Consent.Tests.Redaction;

public sealed class RedactorContractTests
{
    private static readonly HashSet<string> Everything = [.. DataClassCodes.All];

    public static TheoryData<string> FixtureNames => new(All.Keys);

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void The_source_is_never_changed(string fixture)
    {
        var source = Parse(All[fixture]);
        var before = Serialize(source);

        foreach (var permitted in new[] { new HashSet<string>(), new HashSet<string> { DataClass.Referral }, Everything })
        {
            new Redactor().Redact(source, permitted);
        }

        Assert.Equal(before, Serialize(source));
    }

    [Fact]
    public void The_view_shares_no_objects_with_the_source()
    {
        var source = Parse<Patient>(PatientJson);
        var before = Serialize(source);
        var view = (Patient)new Redactor().Redact(source, Everything).Resource!;

        view.Name[0].Family = "changed";
        view.Identifier[0].Assigner!.Reference = "Organization/changed";
        view.Extension[0].Extension[0].Value = new CodeableConcept { Text = "changed" };

        Assert.Equal(before, Serialize(source));
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void The_view_keeps_the_source_id_for_the_caller_to_rewrite(string fixture)
    {
        var source = Parse(All[fixture]);

        Assert.Equal(source.Id, new Redactor().Redact(source, Everything).Resource!.Id);
    }

    [Theory]
    [InlineData("""{ "resourceType": "Condition", "id": "c", "subject": { "reference": "Patient/p" } }""")]
    [InlineData("""{ "resourceType": "RelatedPerson", "id": "r", "patient": { "reference": "Patient/p" } }""")]
    [InlineData("""{ "resourceType": "Consent", "id": "c", "status": "active", "scope": { "text": "s" }, "category": [{ "text": "c" }] }""")]
    [InlineData("""{ "resourceType": "Organization", "id": "o", "name": "Shelter" }""")]
    public void Any_other_resource_type_is_withheld(string json)
    {
        var result = new Redactor().Redact(Parse(json), Everything);

        Assert.Null(result.Resource);
        Assert.Empty(result.DataClasses);
        Assert.True(result.Redacted);
    }

    [Fact]
    public void A_view_is_serialized_without_the_narrative_even_when_every_class_is_permitted()
    {
        foreach (var json in All.Values)
        {
            var output = Serialize(new Redactor().Redact(Parse(json), Everything).Resource!);

            Assert.DoesNotContain("\"text\":{", output, StringComparison.Ordinal);
            Assert.DoesNotContain("CANARY.never", output, StringComparison.Ordinal);
        }
    }
}
