using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests;

/// <summary>
/// Inbound Consent, ServiceRequest and Task are validated against the hub's profiles (contracts/fhir): one that breaks
/// its profile is refused with 422, the OperationOutcome carries the validator's issues, and nothing of it is stored.
/// </summary>
public sealed class ProfileValidationTests(HubServerFixture hub) : IClassFixture<HubServerFixture>
{
    private const string ConsentProfile = "http://referralhub.org/fhir/StructureDefinition/referralhub-consent";

    [Fact]
    public async Task A_Consent_without_a_patient_is_refused_with_422_and_the_validators_issues_and_nothing_is_stored()
    {
        var shelter = hub.ClientFor(Shelter);
        var canary = BadBodies.NewCanary("NOPATIENT");
        var consent = StandaloneConsent(canary);
        consent.Patient = null;

        var outcome = (await shelter.PostAsync("Consent", consent)).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "POST /fhir/Consent without a patient");

        Expect.That(Expect.TextOf(outcome).Contains(ConsentProfile, StringComparison.Ordinal), "the outcome names the profile that was broken", Expect.TextOf(outcome));
        Expect.That(outcome.Issue.Any(issue => issue.Severity == OperationOutcome.IssueSeverity.Error && issue.Expression.Contains("Consent")
                && $"{issue.Details?.Text} {issue.Diagnostics}".Contains("'patient'", StringComparison.Ordinal)),
            "an error issue of the validator, at expression Consent, says patient is missing", FhirJson.Serialize(outcome));
        await AssertNothingStoredAsync("Consent", canary);
    }

    [Fact]
    public async Task A_Consent_with_an_unknown_data_class_is_refused_with_422_and_the_validators_issues_and_nothing_of_the_referral_is_stored()
    {
        var shelter = hub.ClientFor(Shelter);
        var referral = new ReferralBuilder();
        var bundle = referral.Build();
        var consent = Assert.IsType<FhirConsent>(bundle.Entry[ReferralBuilder.ConsentEntry].Resource);
        var permit = Expect.NotNull(consent.Provision, "the scenario's Consent has a provision").Provision[0];
        permit.Class.Add(new Coding(Vocabulary.DataClass, "shoe-size"));

        var response = await shelter.SendAsync(HttpMethod.Post, shelter.FhirBase.ToString().TrimEnd('/'), FhirJson.Content(bundle));

        var outcome = response.ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a referral whose Consent permits an unknown data class");
        var expression = $"Bundle.entry[{ReferralBuilder.ConsentEntry}].resource.provision[0].provision[0].class[{permit.Class.Count - 1}]";
        Expect.That(outcome.Issue.Any(issue => issue.Severity == OperationOutcome.IssueSeverity.Error && issue.Code == OperationOutcome.IssueType.CodeInvalid
                && issue.Expression.Contains(expression) && $"{issue.Details?.Text} {issue.Diagnostics}".Contains("shoe-size", StringComparison.Ordinal)),
            $"an error issue of the validator, code code-invalid, at {expression}, names the unknown code", FhirJson.Serialize(outcome));
        foreach (var type in new[] { "Patient", "Observation", "ServiceRequest" })
        {
            await AssertNothingStoredAsync(type, [.. referral.Canaries.Unique, referral.ReferralIdentifier]);
        }
    }

    [Fact]
    public async Task In_a_batch_the_entry_that_breaks_its_profile_is_answered_422_with_the_validators_issues_and_the_others_are_created()
    {
        var shelter = hub.ClientFor(Shelter);
        var canary = BadBodies.NewCanary("BATCH");
        var consent = StandaloneConsent(canary);
        consent.Patient = null;
        var batch = new Bundle { Type = Bundle.BundleType.Batch };
        batch.Entry.Add(new Bundle.EntryComponent { Resource = new Patient { Gender = AdministrativeGender.Female }, Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Patient" } });
        batch.Entry.Add(new Bundle.EntryComponent { Resource = consent, Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Consent" } });

        var response = (await shelter.SendAsync(HttpMethod.Post, shelter.FhirBase.ToString().TrimEnd('/'), FhirJson.Content(batch)))
            .ShouldBe(HttpStatusCode.OK, "POST /fhir with a batch Bundle").As<Bundle>();

        Assert.Equal(Bundle.BundleType.BatchResponse, response.Type);
        Assert.StartsWith("201", response.Entry[0].Response?.Status, StringComparison.Ordinal);
        Assert.StartsWith("422", response.Entry[1].Response?.Status, StringComparison.Ordinal);
        var outcome = Assert.IsType<OperationOutcome>(response.Entry[1].Response?.Outcome);
        Expect.That(outcome.Issue.Any(issue => issue.Severity == OperationOutcome.IssueSeverity.Error && issue.Expression.Contains("Bundle.entry[1].resource")),
            "the refused entry's outcome carries the validator's issue, located in the request body", FhirJson.Serialize(outcome));
        await AssertNothingStoredAsync("Consent", canary);
    }

    [Fact]
    public async Task A_Consent_update_that_breaks_the_profile_is_refused_with_422_and_changes_nothing()
    {
        var shelter = hub.ClientFor(Shelter);
        var submitted = await shelter.Fhir.TransactionAsync(new ReferralBuilder().Build());
        var consentPath = Refs.Of(submitted!.Entry[ReferralBuilder.ConsentEntry].Response?.Location)!;
        var before = (await shelter.GetAsync(consentPath)).ShouldBe(HttpStatusCode.OK, "the shelter reading its Consent");
        var changed = before.As<FhirConsent>();
        changed.PolicyRule = new CodeableConcept(Vocabulary.ActCode, "OPTOUT");

        var outcome = (await shelter.PutAsync(consentPath, changed, before.ETag)).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "PUT of the Consent with policyRule OPTOUT");

        Expect.That(outcome.Issue.Any(issue => issue.Severity == OperationOutcome.IssueSeverity.Error && issue.Expression.Any(e => e?.StartsWith("Consent.policyRule", StringComparison.Ordinal) == true)),
            "an error issue of the validator at Consent.policyRule", FhirJson.Serialize(outcome));
        var after = (await shelter.GetAsync(consentPath)).ShouldBe(HttpStatusCode.OK, "the shelter re-reading its Consent");
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal("OPTIN", after.As<FhirConsent>().PolicyRule?.Coding.Single().Code);
    }

    [Fact]
    public async Task A_Task_update_without_its_focus_is_refused_with_422_and_changes_nothing()
    {
        var shelter = hub.ClientFor(Shelter);
        var submitted = await shelter.Fhir.TransactionAsync(new ReferralBuilder().Build());
        var serviceRequest = Refs.Of(submitted!.Entry[ReferralBuilder.ServiceRequestEntry].Response?.Location)!;
        var task = Assert.Single((await shelter.Fhir.SearchAsync("Task", [$"focus={serviceRequest}"]))!.Entry.Select(entry => entry.Resource).OfType<FhirTask>());
        task.Focus = null;

        // Without If-Match: the hub's own delivery may move the Task to a new version meanwhile.
        var outcome = (await shelter.PutAsync($"Task/{task.Id}", task, ifMatch: null)).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "PUT of the Task without its focus");

        Expect.That(outcome.Issue.Any(issue => issue.Severity == OperationOutcome.IssueSeverity.Error && issue.Expression.Contains("Task")
                && $"{issue.Details?.Text} {issue.Diagnostics}".Contains("'focus'", StringComparison.Ordinal)),
            "an error issue of the validator says focus is missing", FhirJson.Serialize(outcome));
        var after = (await shelter.GetAsync($"Task/{task.Id}")).ShouldBe(HttpStatusCode.OK, "the shelter re-reading its Task").As<FhirTask>();
        Assert.Equal(serviceRequest, after.Focus?.Reference);
    }

    /// <summary>A Consent like the scenario's, with the canary as its identifier and no reference to another entry.</summary>
    private static FhirConsent StandaloneConsent(string canary)
    {
        var consent = Assert.IsType<FhirConsent>(new ReferralBuilder().Build().Entry[ReferralBuilder.ConsentEntry].Resource);
        consent.Identifier = [new Identifier("urn:example:shelter-it-roma:consents", canary)];
        return consent;
    }

    /// <summary>The shelter's search over the type shows none of the values.</summary>
    private async Task AssertNothingStoredAsync(string type, params string[] values)
    {
        foreach (var page in await hub.ClientFor(Shelter).SearchAllPagesAsync($"{type}?_count=100"))
        {
            page.ShouldBe(HttpStatusCode.OK, $"the shelter searching {type}");
            Expect.NoneIn(page.Body, values, $"nothing of the refused input was stored ({type} search)");
        }
    }
}
