using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Consent.Policy;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Consents;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using ReferralHub.ServiceDefaults.Authentication;
using FhirConsent = Hl7.Fhir.Model.Consent;
using Task = System.Threading.Tasks.Task;

namespace ReferralHub.Gateway.Tests;

/// <summary>
/// <c>Consent/$evaluate</c> is decided from the consents in the Gateway's own store, as a copy is when served: at the
/// moment the custodian's PUT is stored, the answer is the new one, whatever the Consent service has heard yet.
/// </summary>
public sealed class ConsentEvaluationTests : IDisposable
{
    private const string Custodian = "shelter-it-roma";
    private const string Recipient = "ngo-ng-edo";
    private const string Pseudonym = "edo-knows-her-as";

    private readonly InMemoryGatewayDatabase database = new();

    public ConsentEvaluationTests()
    {
        using var db = database.Context();
        StoredConsents.AddSurvivor(db, "patient", Custodian, "consent", Recipient, DataClass.Referral, DataClass.Name);
        db.RecipientIds.Add(new RecipientId { RecipientOrganizationId = Recipient, ResourceType = "Patient", SourceId = "patient", LocalId = Pseudonym });
        db.SaveChanges();
    }

    [Fact]
    public async Task The_custodian_is_told_per_data_class_what_the_stored_consent_permits_and_which_consent_governs()
    {
        var answer = await EvaluateAsync(Custodian, "Patient/patient");

        Assert.Equal("permit", Decision(answer));
        Assert.Equal("Consent/consent", (answer.Parameter.Single(p => p.Name == "consent").Value as ResourceReference)?.Reference);
        Assert.Equal($"{DataClass.Name} {DataClass.Referral}", PermittedClasses(answer));
    }

    [Fact]
    public async Task A_withdrawal_is_answered_deny_as_soon_as_the_Gateway_has_stored_it()
    {
        await ReviseConsentAsync(consent => consent.Status = FhirConsent.ConsentState.Inactive);

        var answer = await EvaluateAsync(Custodian, "Patient/patient");

        Assert.Equal("deny", Decision(answer));
        Assert.Equal(string.Empty, PermittedClasses(answer));
    }

    [Fact]
    public async Task The_recipient_asking_under_its_pseudonym_learns_its_classes_but_not_the_custodians_ids()
    {
        var answer = await EvaluateAsync(Recipient, $"Patient/{Pseudonym}");

        Assert.Equal("permit", Decision(answer));
        Assert.Equal($"{DataClass.Name} {DataClass.Referral}", PermittedClasses(answer));
        var text = FhirJson.Serialize(answer);
        Assert.DoesNotContain("Consent/consent", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Patient/patient", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recipient_naming_the_custodians_id_is_answered_as_if_the_survivor_did_not_exist()
    {
        var refusal = await Assert.ThrowsAsync<FhirInputException>(() => EvaluateAsync(Recipient, "Patient/patient"));

        Assert.Equal(404, refusal.Status);
    }

    public void Dispose() => database.Dispose();

    private async Task<Parameters> EvaluateAsync(string organization, string patient)
    {
        await using var db = database.Context();
        var evaluation = new ConsentEvaluation(
            new SubmittedResources(db), new DisclosedResources(db, new DisclosurePermits(db, new ConsentEvaluator())), new DisclosurePermits(db, new ConsentEvaluator()));
        var caller = new FhirCaller(organization, new ClaimsPrincipal(new ClaimsIdentity([new System.Security.Claims.Claim(HubClaims.Scope, "system/Consent.r")], "test")));
        var input = new Parameters();
        input.Add("patient", new ResourceReference(patient));
        input.Add("recipient", new ResourceReference($"Organization/{Recipient}"));
        return await evaluation.EvaluateAsync(caller, input, CancellationToken.None);
    }

    private static string? Decision(Parameters answer) => (answer.Parameter.Single(p => p.Name == "decision").Value as Code)?.Value;

    /// <summary>The permitted data classes, in code order, separated by spaces.</summary>
    private static string PermittedClasses(Parameters answer) => string.Join(' ', answer.Parameter
        .Where(p => p.Name == "class" && (p.Part.Single(x => x.Name == "decision").Value as Code)?.Value == "permit")
        .Select(p => (p.Part.Single(x => x.Name == "code").Value as Coding)?.Code)
        .Order(StringComparer.Ordinal));

    private async Task ReviseConsentAsync(Action<FhirConsent> revise)
    {
        await using var db = database.Context();
        await StoredConsents.ReviseAsync(db, "consent", revise);
    }
}
