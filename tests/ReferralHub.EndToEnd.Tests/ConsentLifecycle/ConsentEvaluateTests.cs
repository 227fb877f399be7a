using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.ConsentLifecycle;

/// <summary>Issue 4: <c>POST /fhir/Consent/$evaluate</c>, the decision service for agency systems and the UI.</summary>
public abstract class ConsentEvaluateTests(IRunningHub hub)
{
    private readonly HubClient shelter = hub.ClientFor(HubServerFixture.Shelter);
    private readonly HubClient edo = hub.ClientFor(HubServerFixture.NgoEdo);
    private readonly HubClient lagos = hub.ClientFor(HubServerFixture.NgoLagos);

    [Fact]
    public async Task The_custodian_learns_per_data_class_what_each_recipient_may_receive_and_why()
    {
        var referral = await SubmitAsync(shelter, new ReferralBuilder());
        await DeliveredAsync(edo, referral.TaskId);

        var permit = await EvaluateAsync(shelter, $"Patient/{referral.PatientId}", HubServerFixture.NgoEdo, "reintegration-assistance");
        Expect.That(Decision(permit) == "permit", "for ngo-ng-edo and reintegration assistance the decision is permit", FhirJson.Serialize(permit));
        Expect.That(permit.Parameter.Any(p => p.Name == "consent" && (p.Value as ResourceReference)?.Reference == $"Consent/{referral.ConsentId}"), "the custodian is told the governing consent");
        var classes = Classes(permit);
        Expect.That(classes.Where(c => c.Value == "permit").Select(c => c.Key).Order().SequenceEqual(Vocabulary.ConsentedClasses.Order()),
            "exactly the consented classes are permitted", string.Join(", ", classes.Select(c => $"{c.Key}={c.Value}")));
        Expect.That(classes.Count == 16, "every data class has a verdict", classes.Count.ToString());
        Expect.That(permit.Parameter.Where(p => p.Name == "class").All(p => p.Part.Any(x => x.Name == "reason" && (x.Value as FhirString)?.Value is { Length: > 0 })), "every verdict has a reason");

        var otherPurpose = await EvaluateAsync(shelter, $"Patient/{referral.PatientId}", HubServerFixture.NgoEdo, "statistics");
        Expect.That(Decision(otherPurpose) == "deny", "for a purpose the consent does not name the decision is deny", FhirJson.Serialize(otherPurpose));
        var otherRecipient = await EvaluateAsync(shelter, $"Patient/{referral.PatientId}", HubServerFixture.NgoLagos, "reintegration-assistance");
        Expect.That(Decision(otherRecipient) == "deny" && Classes(otherRecipient).Values.All(v => v == "deny"), "for a recipient the consent does not name, every class is denied");
    }

    [Fact]
    public async Task A_recipient_may_ask_about_itself_under_its_own_pseudonym_and_learns_none_of_the_custodians_ids()
    {
        var referral = await SubmitAsync(shelter, new ReferralBuilder());
        var task = await DeliveredAsync(edo, referral.TaskId);
        var pseudonym = Refs.Of(task.For)!;

        var response = await edo.PostAsync("Consent/$evaluate", Input(pseudonym, HubServerFixture.NgoEdo, "reintegration-assistance"));
        Expect.That(response.Status == HttpStatusCode.OK, "ngo-ng-edo's $evaluate about its own Patient answers 200", response.Describe());
        Expect.That(Decision(response.As<Parameters>()) == "permit", "the decision is permit", response.Body);
        Expect.NoneIn(response.Body, [referral.PatientId, referral.ConsentId], "the answer carries none of the shelter's ids");

        var aboutOthers = await edo.PostAsync("Consent/$evaluate", Input(pseudonym, HubServerFixture.NgoLagos, "reintegration-assistance"));
        Expect.That(aboutOthers.Status == HttpStatusCode.NotFound, "ngo-ng-edo cannot ask about another recipient (404)", aboutOthers.Describe());
        var notTheirs = await lagos.PostAsync("Consent/$evaluate", Input(pseudonym, HubServerFixture.NgoLagos, "reintegration-assistance"));
        Expect.That(notTheirs.Status == HttpStatusCode.NotFound, "ngo-ng-lagos cannot ask about ngo-ng-edo's Patient (404)", notTheirs.Describe());
        var custodianId = await edo.PostAsync("Consent/$evaluate", Input($"Patient/{referral.PatientId}", HubServerFixture.NgoEdo, "reintegration-assistance"));
        Expect.That(custodianId.Status == HttpStatusCode.NotFound, "the shelter's Patient id means nothing to ngo-ng-edo (404)", custodianId.Describe());
    }

    [Fact]
    public async Task A_malformed_evaluation_request_is_refused_with_an_OperationOutcome()
    {
        var referral = await SubmitAsync(shelter, new ReferralBuilder());
        var unknownPurpose = await shelter.PostAsync("Consent/$evaluate", Input($"Patient/{referral.PatientId}", HubServerFixture.NgoEdo, "marketing"));
        Expect.That(unknownPurpose.Status == HttpStatusCode.UnprocessableEntity && unknownPurpose.ResourceType == "OperationOutcome",
            "an unknown purpose answers 422 with an OperationOutcome", unknownPurpose.Describe());
        var noRecipient = new Parameters();
        noRecipient.Add("patient", new ResourceReference($"Patient/{referral.PatientId}"));
        var missing = await shelter.PostAsync("Consent/$evaluate", noRecipient);
        Expect.That(missing.Status == HttpStatusCode.UnprocessableEntity, "a missing recipient answers 422", missing.Describe());
        var notParameters = await shelter.PostAsync("Consent/$evaluate", new Patient());
        Expect.That(notParameters.Status == HttpStatusCode.BadRequest, "a body that is not Parameters answers 400", notParameters.Describe());
    }

    private static Parameters Input(string patient, string recipient, string purpose)
    {
        var input = new Parameters();
        input.Add("patient", new ResourceReference(patient));
        input.Add("recipient", new ResourceReference($"Organization/{recipient}"));
        input.Add("purpose", new Coding(Vocabulary.Purpose, purpose));
        return input;
    }

    private static async Task<Parameters> EvaluateAsync(HubClient client, string patient, string recipient, string purpose)
    {
        var response = await client.PostAsync("Consent/$evaluate", Input(patient, recipient, purpose));
        Expect.That(response.Status == HttpStatusCode.OK, $"$evaluate for {recipient} and {purpose} answers 200", response.Describe());
        return response.As<Parameters>();
    }

    private static string? Decision(Parameters parameters) => (parameters.Parameter.SingleOrDefault(p => p.Name == "decision")?.Value as Code)?.Value;

    private static Dictionary<string, string> Classes(Parameters parameters) =>
        parameters.Parameter.Where(p => p.Name == "class").ToDictionary(
            p => (p.Part.Single(x => x.Name == "code").Value as Coding)?.Code ?? "(no code)",
            p => (p.Part.Single(x => x.Name == "decision").Value as Code)?.Value ?? "(no decision)");
}
