using Microsoft.EntityFrameworkCore;
using ReferralHub.Consent.Policy;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;
using FhirConsent = Hl7.Fhir.Model.Consent;
using Task = System.Threading.Tasks.Task;

namespace ReferralHub.Gateway.Tests;

/// <summary>
/// A disclosure decision reaches the Gateway whenever the broker delivers it; it may be stored only while it is current:
/// made on the survivor's consents as they stand, and permitted by them now. Whatever happened in between — a
/// withdrawal, a revision, the end of the period — a late decision stores nothing.
/// </summary>
public sealed class StaleDecisionTests : IDisposable
{
    private const string Recipient = "ngo-ng-edo";

    private readonly InMemoryGatewayDatabase database = new();

    public StaleDecisionTests()
    {
        using var db = database.Context();
        StoredConsents.AddSurvivor(db, "patient", "shelter-it-roma", "consent", Recipient, DataClass.Referral, DataClass.Name);
        db.SaveChanges();
    }

    [Fact]
    public async Task A_decision_on_the_survivors_current_consents_that_they_still_permit_is_current()
    {
        Assert.True(await IsCurrentAsync(Decision(version: 1, DataClass.Referral, DataClass.Name)));
    }

    [Fact]
    public async Task A_decision_made_before_the_consent_was_withdrawn_is_stale()
    {
        await ReviseConsentAsync(consent => consent.Status = FhirConsent.ConsentState.Inactive);

        Assert.False(await IsCurrentAsync(Decision(version: 1, DataClass.Referral, DataClass.Name)));
    }

    [Fact]
    public async Task A_decision_made_on_an_older_version_of_the_consent_is_stale_even_when_the_new_one_permits_as_much()
    {
        await ReviseConsentAsync(consent => consent.DateTimeElement = new Hl7.Fhir.Model.FhirDateTime(DateTimeOffset.UtcNow));

        Assert.False(await IsCurrentAsync(Decision(version: 1, DataClass.Referral, DataClass.Name)));
        Assert.True(await IsCurrentAsync(Decision(version: 2, DataClass.Referral, DataClass.Name)));
    }

    [Fact]
    public async Task A_decision_overtaken_by_the_end_of_the_consents_period_is_stale_though_no_version_changed()
    {
        await ReviseConsentAsync(consent => consent.Provision!.Period = new Hl7.Fhir.Model.Period { End = "2020-01-01T00:00:00Z" });

        Assert.False(await IsCurrentAsync(Decision(version: 2, DataClass.Referral, DataClass.Name)));
    }

    [Fact]
    public async Task A_decision_disclosing_a_class_the_consent_does_not_permit_is_stale()
    {
        Assert.False(await IsCurrentAsync(Decision(version: 1, DataClass.Referral, DataClass.Contact)));
    }

    [Fact]
    public async Task A_decision_that_misses_a_consent_the_survivor_has_since_given_is_stale_whomever_it_names()
    {
        await using (var db = database.Context())
        {
            var first = await db.Resources.AsNoTracking().SingleAsync(r => r.ResourceType == "Consent" && r.Id == "consent");
            var later = FhirJson.Parse<FhirConsent>(first.Json);
            later.Id = "later-consent";
            later.Provision!.Actor[0].Reference = new Hl7.Fhir.Model.ResourceReference("Organization/ngo-other");
            db.Resources.Add(new StoredResource
            {
                ResourceType = "Consent",
                Id = later.Id,
                VersionId = 1,
                OwnerOrganizationId = first.OwnerOrganizationId,
                PatientId = "patient",
                Status = "active",
                Json = FhirJson.Serialize(later),
            });
            await db.SaveChangesAsync();
        }

        Assert.False(await IsCurrentAsync(Decision(version: 1, DataClass.Referral, DataClass.Name)));
    }

    public void Dispose() => database.Dispose();

    private static DisclosureApproved Decision(int version, params string[] classes) => new(
        TaskId: "referral",
        RequesterOrganizationId: "shelter-it-roma",
        RecipientOrganizationId: Recipient,
        Purpose: Purpose.ReintegrationAssistance,
        PatientId: "patient",
        ConsentId: "consent",
        DataClasses: classes,
        Resources: [new RedactedResource("Patient", "patient", new SealedJson("kek", "", ""), classes, Redacted: false)],
        DecidedAt: DateTimeOffset.UtcNow,
        DecidedOn: [new ConsentVersionRef("consent", version)]);

    private async Task<bool> IsCurrentAsync(DisclosureApproved decision)
    {
        await using var db = database.Context();
        return await new DisclosurePermits(db, new ConsentEvaluator()).IsCurrentAsync(decision, CancellationToken.None);
    }

    private async Task ReviseConsentAsync(Action<FhirConsent> revise)
    {
        await using var db = database.Context();
        await StoredConsents.ReviseAsync(db, "consent", revise);
    }
}
