using Hl7.Fhir.Model;
using ReferralHub.Web.Consents;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Web.Tests.Consents;

public sealed class ConsentFormTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private static readonly string[] Recipients = ["ngo-ng-edo", "ngo-ng-lagos"];

    [Fact]
    public void The_consent_denies_by_default_and_permits_the_chosen_classes_to_the_recipient_for_the_purpose()
    {
        var form = new ConsentForm { Recipient = "ngo-ng-edo", Purpose = "reintegration-assistance", DataClasses = ["name", "birth-year"] };

        var consent = form.ToConsent("patient-1", "shelter-it-roma", new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));

        Assert.Equal(FhirConsent.ConsentState.Active, consent.Status);
        Assert.Equal("Patient/patient-1", consent.Patient?.Reference);
        Assert.Equal("Organization/shelter-it-roma", consent.Organization.Single().Reference);
        var root = Assert.IsType<FhirConsent.provisionComponent>(consent.Provision);
        Assert.Equal(FhirConsent.ConsentProvisionType.Deny, root.Type);
        var permit = Assert.Single(root.Provision);
        Assert.Equal(FhirConsent.ConsentProvisionType.Permit, permit.Type);
        var actor = Assert.Single(permit.Actor);
        Assert.Equal("IRCP", actor.Role?.Coding.Single().Code);
        Assert.Equal("Organization/ngo-ng-edo", actor.Reference.Reference);
        Assert.Equal("reintegration-assistance", permit.Purpose.Single().Code);
        Assert.Equal(["referral", "name", "birth-year"], permit.Class.Select(c => c.Code));
        Assert.Null(root.Period);
    }

    [Fact]
    public void A_last_day_ends_the_whole_consent()
    {
        var form = new ConsentForm { Recipient = "ngo-ng-edo", Purpose = "statistics", EndDate = new DateOnly(2027, 6, 30) };

        var consent = form.ToConsent("patient-1", "shelter-it-roma", DateTimeOffset.UtcNow);

        var root = Assert.IsType<FhirConsent.provisionComponent>(consent.Provision);
        Assert.Equal("2027-06-30", root.Period?.End);
        Assert.Equal(["referral"], root.Provision.Single().Class.Select(c => c.Code));
    }

    [Fact]
    public void A_form_without_recipient_purpose_or_with_unknown_classes_or_a_past_end_is_refused()
    {
        var form = new ConsentForm { Recipient = "someone-else", Purpose = "marketing", DataClasses = ["shoe-size"], EndDate = Today.AddDays(-1) };

        var problems = form.Validate(Recipients, Today).Select(p => p.Field).ToList();

        Assert.Equal(["Recipient", "Purpose", "DataClasses", "EndDate"], problems);
    }

    [Fact]
    public void A_complete_form_has_no_problem()
    {
        var form = new ConsentForm { Recipient = "ngo-ng-lagos", Purpose = "follow-up-monitoring", DataClasses = ["language"], EndDate = Today };

        Assert.Empty(form.Validate(Recipients, Today));
    }
}
