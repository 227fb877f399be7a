using Hl7.Fhir.Model;
using ReferralHub.Consent.Redaction;
using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Redaction.Fixtures;
using static ReferralHub.Consent.Tests.Redaction.Labels;

namespace ReferralHub.Consent.Tests.Redaction;

public sealed class ObservationRedactionTests
{
    private const string DataClassSystem = "http://referralhub.org/fhir/CodeSystem/data-class";

    private static RedactionResult Redact(Resource source, params string[] permitted) =>
        new Redactor().Redact(source, permitted.ToHashSet(StringComparer.Ordinal));

    private static Observation WithCategories(params Coding[] categories) => new()
    {
        Id = "o",
        Status = ObservationStatus.Final,
        Code = new CodeableConcept { Text = "history" },
        Category = categories.Select(c => new CodeableConcept { Coding = [c] }).ToList(),
    };

    [Fact]
    public void An_observation_of_a_permitted_category_keeps_its_allowed_elements()
    {
        var result = Redact(Parse(ObservationJson(DataClass.Health)), DataClass.Referral, DataClass.Health);
        var observation = (Observation)result.Resource!;

        Assert.Equal(ObservationStatus.Final, observation.Status);
        Assert.Equal("CANARY.health.code", observation.Code!.Text);
        Assert.Equal("Patient/survivor-7f3a", observation.Subject!.Reference);
        Assert.Null(observation.Subject.Display);
        Assert.Equal("2024-11-02", Assert.IsType<FhirDateTime>(observation.Effective).Value);
        Assert.Equal("2024-11-03T10:00:00Z", observation.IssuedElement!.JsonValue);
        Assert.Equal("CANARY.health.value", Assert.IsType<FhirString>(observation.Value).Value);
        Assert.Equal("CANARY.health.method", observation.Method!.Text);
        Assert.Equal("Practitioner/caseworker", Assert.IsType<ResourceReference>(Assert.Single(observation.Note).Author).Reference);
        Assert.Equal("CANARY.health.component-value", Assert.IsType<FhirString>(Assert.Single(observation.Component).Value).Value);
        Assert.Equal([DataClass.Referral, DataClass.Health], result.DataClasses);
    }

    [Fact]
    public void Elements_no_class_covers_are_dropped()
    {
        var observation = (Observation)Redact(Parse(ObservationJson(DataClass.Health)), DataClass.Referral, DataClass.Health).Resource!;

        Assert.Empty(observation.Identifier);
        Assert.Empty(observation.BasedOn);
        Assert.Empty(observation.Focus);
        Assert.Null(observation.Encounter);
        Assert.Empty(observation.Performer);
        Assert.Null(observation.BodySite);
        Assert.Null(observation.Specimen);
        Assert.Null(observation.Device);
        Assert.Empty(observation.HasMember);
        Assert.Empty(observation.DerivedFrom);
        Assert.Empty(observation.Extension);
    }

    [Fact]
    public void An_observation_of_a_category_not_permitted_is_withheld()
    {
        var result = Redact(Parse(ObservationJson(DataClass.Exploitation)), DataClass.Referral, DataClass.Health, DataClass.Education);

        Assert.Null(result.Resource);
        Assert.True(result.Redacted);
    }

    [Fact]
    public void An_observation_without_a_data_class_category_is_withheld()
    {
        var socialHistory = WithCategories(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "social-history"));

        Assert.Null(Redact(socialHistory, [.. DataClassCodes.All]).Resource);
    }

    [Fact]
    public void An_observation_in_several_categories_needs_every_one_of_them_permitted()
    {
        var both = WithCategories(new Coding(DataClassSystem, DataClass.Education), new Coding(DataClassSystem, DataClass.Exploitation));

        Assert.Null(Redact(both, DataClass.Referral, DataClass.Education).Resource);
        var disclosed = Redact(both, DataClass.Referral, DataClass.Education, DataClass.Exploitation);
        Assert.NotNull(disclosed.Resource);
        Assert.Equal([DataClass.Referral, DataClass.Education, DataClass.Exploitation], disclosed.DataClasses);
    }

    [Theory]
    [InlineData("finance")]
    [InlineData(DataClass.Name)]
    public void An_observation_in_a_data_class_that_is_not_an_observation_category_is_withheld(string code)
    {
        var odd = WithCategories(new Coding(DataClassSystem, DataClass.Health), new Coding(DataClassSystem, code));

        Assert.Null(Redact(odd, [.. DataClassCodes.All, code]).Resource);
    }

    [Fact]
    public void A_category_code_of_another_system_does_not_make_a_data_class()
    {
        var lookalike = WithCategories(new Coding("http://example.org/categories", DataClass.Health));

        Assert.Null(Redact(lookalike, DataClass.Referral, DataClass.Health).Resource);
    }

    [Fact]
    public void An_observation_with_only_allowed_elements_is_not_labelled_redacted()
    {
        var plain = WithCategories(new Coding(DataClassSystem, DataClass.Education));
        plain.Subject = new ResourceReference("Patient/p");
        plain.Value = new Quantity(12, "a", "http://unitsofmeasure.org");
        plain.ReferenceRange.Add(new Observation.ReferenceRangeComponent { Low = new Quantity(6, "a", "http://unitsofmeasure.org") });

        var result = Redact(plain, DataClass.Referral, DataClass.Education);

        Assert.False(result.Redacted);
        Assert.False(IsLabelledRedacted(result.Resource));
        Assert.True(plain.IsExactly(WithoutLabels(result.Resource!)));
    }
}
