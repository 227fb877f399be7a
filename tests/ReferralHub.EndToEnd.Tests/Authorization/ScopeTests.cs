using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using ReferralHub.EndToEnd.Tests.Webhooks;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Authorization;

/// <summary>
/// Issue 12, "scopes everywhere": a token's SMART scopes decide, resource type by resource type, what every response
/// carries — searched resources, <c>_include</c>d ones, mailbox Bundles — and every operation checks the scopes it needs.
/// </summary>
public sealed class ScopeTests(HubServerFixture hub) : IClassFixture<HubServerFixture>
{
    private readonly HubClient shelter = hub.ClientFor(Shelter);
    private readonly HubClient edo = hub.ClientFor(NgoEdo);

    /// <summary>Reproduction 4 of issue 12.</summary>
    [Fact]
    public async Task A_Task_read_token_gets_no_Patient_or_ServiceRequest_through_include_while_reading_a_Patient_is_refused_with_403()
    {
        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        var delivered = await LifecycleSteps.DeliveredAsync(edo, referral.TaskId);

        var edoPatient = Refs.Of(delivered.For)!;
        var person = await hub.PersonClientWithScopesAsync("caseworker@ngo-ng-edo", "openid profile user/Task.rs");
        (await person.GetAsync(edoPatient)).ShouldBeOutcome(HttpStatusCode.Forbidden, "ngo-ng-edo's caseworker reading its Patient with only user/Task.rs");
        var personSearch = (await person.GetAsync($"Task?_id={referral.TaskId}&_include=Task:patient&_include=Task:focus"))
            .ShouldBe(HttpStatusCode.OK, "ngo-ng-edo's caseworker searching Task with _include and only user/Task.rs").As<Bundle>();
        Assert.Equal(["Task", "OperationOutcome"], personSearch.Entry.Select(entry => entry.Resource!.TypeName));

        foreach (var (side, patient) in new[] { (Shelter, $"Patient/{referral.PatientId}"), (NgoEdo, edoPatient) })
        {
            var tasksOnly = await hub.ClientWithScopesAsync(side, "system/Task.rs");
            var search = await tasksOnly.GetAsync($"Task?_id={referral.TaskId}&_include=Task:patient&_include=Task:focus");
            var bundle = search.ShouldBe(HttpStatusCode.OK, $"{side} searching Task with _include and only system/Task.rs").As<Bundle>();
            Assert.Equal([referral.TaskId], Matches(bundle).Select(task => task.Id));
            Assert.DoesNotContain(bundle.Entry, entry => entry.Resource is Patient or ServiceRequest);
            var left = Assert.Single(bundle.Entry, entry => entry.Search?.Mode == Bundle.SearchEntryMode.Outcome).Resource as OperationOutcome;
            var issue = Assert.Single(left!.Issue);
            Assert.Equal(OperationOutcome.IssueType.Suppressed, issue.Code);
            Assert.Contains("Patient", issue.Diagnostics, StringComparison.Ordinal);
            Assert.Contains("ServiceRequest", issue.Diagnostics, StringComparison.Ordinal);
            (await tasksOnly.GetAsync(patient)).ShouldBeOutcome(HttpStatusCode.Forbidden, $"{side} reading its Patient with only system/Task.rs");
            (await tasksOnly.GetAsync("Patient")).ShouldBeOutcome(HttpStatusCode.Forbidden, $"{side} searching Patient with only system/Task.rs");

            var withPatients = await hub.ClientWithScopesAsync(side, "system/Task.rs system/Patient.rs");
            var both = (await withPatients.GetAsync($"Task?_id={referral.TaskId}&_include=Task:patient&_include=Task:focus"))
                .ShouldBe(HttpStatusCode.OK, $"{side} searching Task with _include and system/Task.rs system/Patient.rs").As<Bundle>();
            Assert.Equal([patient], both.Entry.Where(entry => entry.Resource is Patient).Select(entry => $"Patient/{entry.Resource!.Id}"));
            Assert.DoesNotContain(both.Entry, entry => entry.Resource is ServiceRequest);
            var narrower = Assert.Single(both.Entry, entry => entry.Search?.Mode == Bundle.SearchEntryMode.Outcome).Resource as OperationOutcome;
            Assert.DoesNotContain("Patient", Assert.Single(narrower!.Issue).Diagnostics, StringComparison.Ordinal);
        }

        var full = (await edo.GetAsync($"Task?_id={referral.TaskId}&_include=Task:patient&_include=Task:focus")).ShouldBe(HttpStatusCode.OK, "ngo-ng-edo's full token").As<Bundle>();
        Assert.Contains(full.Entry, entry => entry.Resource is Patient);
        Assert.Contains(full.Entry, entry => entry.Resource is ServiceRequest);
        Assert.DoesNotContain(full.Entry, entry => entry.Search?.Mode == Bundle.SearchEntryMode.Outcome);
    }

    [Fact]
    public async Task A_mailbox_Bundle_carries_only_the_entries_of_types_the_token_may_read()
    {
        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        await LifecycleSteps.DeliveredAsync(edo, referral.TaskId);
        var message = await Eventually.UntilAsync(
            $"ngo-ng-edo's referral-request for Task/{referral.TaskId} carries the referral's resources",
            async () => ReferralRequest(await LifecycleSteps.MessagesAsync(edo), referral.TaskId),
            found => found is not null && found.Entry.Any(entry => entry.Resource is Patient),
            found => found is null ? "no message yet" : FhirJson.Serialize(found));

        var mailboxOnly = await hub.ClientWithScopesAsync(NgoEdo, "system/Bundle.rs system/Task.rs");
        var read = (await mailboxOnly.GetAsync($"Bundle/{message!.Id}")).ShouldBe(HttpStatusCode.OK, "ngo-ng-edo reading its message with Bundle.rs and Task.rs").As<Bundle>();
        var searched = ReferralRequest(
            (await mailboxOnly.GetAsync($"Bundle?_id={message.Id}")).ShouldBe(HttpStatusCode.OK, "ngo-ng-edo searching its mailbox").As<Bundle>().Entry.Select(e => e.Resource).OfType<Bundle>(),
            referral.TaskId);
        foreach (var answer in new[] { read, searched! })
        {
            Assert.Equal(["MessageHeader", "Task"], answer.Entry.Select(entry => entry.Resource!.TypeName));
            Assert.Equal(message.Identifier?.Value, answer.Identifier?.Value);
        }
    }

    [Fact]
    public async Task The_consent_receipt_needs_Consent_and_Patient_read_and_the_other_operations_their_own_scopes()
    {
        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        var receipt = $"Consent/{referral.ConsentId}/$receipt";

        (await (await hub.ClientWithScopesAsync(Shelter, "system/Patient.rs")).GetAsync(receipt))
            .ShouldBeOutcome(HttpStatusCode.Forbidden, "the receipt without Consent read");
        (await (await hub.ClientWithScopesAsync(Shelter, "system/Consent.rs")).GetAsync(receipt))
            .ShouldBeOutcome(HttpStatusCode.Forbidden, "the receipt, which shows the survivor's name, without Patient read");
        (await (await hub.ClientWithScopesAsync(Shelter, "system/Consent.rs system/Patient.rs")).SendAsync(HttpMethod.Get, receipt, configure: r => r.Headers.Accept.ParseAdd("text/html")))
            .ShouldBe(HttpStatusCode.OK, "the receipt with Consent and Patient read");

        var evaluate = new Parameters();
        evaluate.Add("patient", new ResourceReference($"Patient/{referral.PatientId}"));
        evaluate.Add("recipient", new ResourceReference($"Organization/{NgoEdo}"));
        (await (await hub.ClientWithScopesAsync(Shelter, "system/Patient.rs")).PostAsync("Consent/$evaluate", evaluate))
            .ShouldBeOutcome(HttpStatusCode.Forbidden, "$evaluate without Consent read");

        var acknowledgement = Acknowledgement(Guid.NewGuid().ToString());
        (await (await hub.ClientWithScopesAsync(NgoEdo, "system/Bundle.rs system/Task.rus")).PostAsync("$process-message", acknowledgement))
            .ShouldBeOutcome(HttpStatusCode.Forbidden, "$process-message without Bundle create");

        var operatorReadOnly = await hub.ClientWithScopesAsync(WebhookOperator.OperatorClient, "system/Organization.rs system/Endpoint.rs");
        (await operatorReadOnly.PostAsync($"Organization/{NgoLagos}/$rotate-webhook-secret", new Parameters()))
            .ShouldBeOutcome(HttpStatusCode.Forbidden, "rotating a webhook secret without Endpoint update");
        (await operatorReadOnly.PostAsync($"Organization/{NgoLagos}/$open-amqp-channel", new Parameters()))
            .ShouldBeOutcome(HttpStatusCode.Forbidden, "opening an AMQP channel without Organization update");
        (await operatorReadOnly.GetAsync("Endpoint")).ShouldBe(HttpStatusCode.OK, "an operator searching webhook Endpoints with Endpoint.rs");
        (await (await hub.ClientWithScopesAsync(WebhookOperator.OperatorClient, "system/Organization.rs")).GetAsync("Endpoint"))
            .ShouldBeOutcome(HttpStatusCode.Forbidden, "an operator searching webhook Endpoints without Endpoint search");
    }

    private static IEnumerable<FhirTask> Matches(Bundle bundle) =>
        bundle.Entry.Where(entry => entry.Search?.Mode == Bundle.SearchEntryMode.Match).Select(entry => entry.Resource).OfType<FhirTask>();

    private static Bundle? ReferralRequest(IEnumerable<Bundle> messages, string taskId) =>
        messages.FirstOrDefault(m => m.Entry.FirstOrDefault()?.Resource is MessageHeader header
            && (header.Event as Coding)?.Code == "referral-request"
            && header.Focus.Any(f => f.Reference == $"Task/{taskId}"));

    private static Bundle Acknowledgement(string messageId) =>
        AgencyMessages.Acknowledgement(new Coding(Vocabulary.MessageEvent, "referral-request"), messageId, "urn:example:agency");
}
