using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using ReferralHub.EndToEnd.Tests.Webhooks;
using static ReferralHub.EndToEnd.Tests.ChannelOversight.ChannelEvents;

namespace ReferralHub.EndToEnd.Tests.ChannelOversight;

/// <summary>
/// Operators are not above the survivors (issue 12): an operator's change to an organisation's webhook is recorded in the
/// hash-chained log where that organisation reads it, and announced in its mailbox and on the endpoint it had before
/// the change — so an operator who points the webhook at a server of their own cannot keep it quiet. And a webhook
/// cannot be aimed at the hub's own network.
/// </summary>
public sealed class WebhookOversightTests(ChannelOversightHub fixture) : IClassFixture<ChannelOversightHub>
{
    private readonly HubServerFixture hub = fixture.Hub;
    private readonly WebhookOperator operations = new(fixture.Hub.ClientFor(WebhookOperator.OperatorClient));

    [Fact]
    public async Task Redirecting_an_organisations_webhook_is_recorded_for_it_and_announced_on_its_own_endpoint_not_on_the_new_one()
    {
        var edo = hub.ClientFor(HubServerFixture.NgoEdo);
        var secret = await operations.RotateSecretAsync(HubServerFixture.NgoEdo);
        using var own = new AgencyWebhook().AnswersInTurn(AgencyWebhook.Ok);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, own.Address);
        using var operators = new AgencyWebhook().AnswersInTurn(AgencyWebhook.Ok);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, operators.Address);

        var audit = await AuditedAsync(edo, "pointed its webhook elsewhere", a => Detail(a, "address") == operators.Address);
        Expect.That(Detail(audit, "previous-address") == own.Address && Detail(audit, "status") == "active",
            "the AuditEvent names the new address and the one it replaced", FhirJson.Serialize(audit));
        Expect.That(audit.Agent.Any(a => a.Requestor == true && a.Who?.Reference == $"Organization/{WebhookOperator.OperatorClient}" && a.AltId == WebhookOperator.OperatorClient),
            "the AuditEvent names the operator who made the change", FhirJson.Serialize(audit));
        Expect.That(audit.Entity.Any(e => e.What?.Reference == $"Organization/{HubServerFixture.NgoEdo}") && audit.Entity.All(e => e.What?.Reference?.StartsWith("Patient/", StringComparison.Ordinal) != true),
            "the AuditEvent is about the organisation and names no survivor", FhirJson.Serialize(audit));

        var notice = await NoticeOfAsync(edo, audit);
        Expect.That(FhirValidation.Errors(FhirValidation.Validate(audit)).Count == 0 && FhirValidation.Errors(FhirValidation.Validate(notice)).Count == 0,
            "the AuditEvent and the notice are valid FHIR R4", string.Join("\n", FhirValidation.Errors(FhirValidation.Validate(audit)).Concat(FhirValidation.Errors(FhirValidation.Validate(notice)))));
        var reason = MessageHeaderOf(notice)!.Reason?.Text ?? string.Empty;
        Expect.That(reason.Contains(operators.Address, StringComparison.Ordinal) && reason.Contains(own.Address, StringComparison.Ordinal),
            "the mailbox notice says where messages go now and where they went before", reason);

        var delivered = await Eventually.UntilAsync(
            "ngo-ng-edo's own endpoint, the one in force before the change, receives the notice",
            () => Task.FromResult(NoticesReceived(own).FirstOrDefault(d => d.MessageId == notice.Identifier?.Value)),
            found => found is not null,
            _ => own.Describe());
        Expect.That(IndependentSignature.Verifies(secret, delivered!.Timestamp, delivered.Body, delivered.Signature), "the notice is signed with ngo-ng-edo's secret");

        // A referral queued after the change reaches the new endpoint; the notice, queued before it, never does.
        var referral = await LifecycleSteps.SubmitAsync(hub.ClientFor(HubServerFixture.Shelter), new ReferralBuilder());
        await Eventually.UntilAsync(
            "the new endpoint receives the referral sent after the change",
            () => Task.FromResult(operators.ReferralRequestsFor(referral.TaskId)),
            found => found.Count >= 1,
            _ => operators.Describe());
        Expect.That(NoticesReceived(operators).Count == 0, "the endpoint the operator pointed the webhook at never receives the notice", operators.Describe());

        (await hub.ClientFor(HubServerFixture.Shelter).GetAsync($"AuditEvent/{audit.Id}")).ShouldBeOutcome(HttpStatusCode.NotFound, "another organisation reading ngo-ng-edo's channel event");
    }

    [Fact]
    public async Task Rotating_a_webhook_secret_is_recorded_for_the_organisation_and_announced_on_its_webhook()
    {
        var lagos = hub.ClientFor(HubServerFixture.NgoLagos);
        var previous = await operations.RotateSecretAsync(HubServerFixture.NgoLagos);
        using var own = new AgencyWebhook().AnswersInTurn(AgencyWebhook.Ok);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoLagos, own.Address);
        var before = (await AuditAsync(lagos)).Count;

        await operations.RotateSecretAsync(HubServerFixture.NgoLagos);

        var audit = await AuditedAsync(lagos, "rotated its webhook secret", a => a.OutcomeDesc?.Contains("rotated your webhook signing secret", StringComparison.Ordinal) == true);
        Expect.That((await AuditAsync(lagos)).Count == before + 1, "the rotation is one more AuditEvent in ngo-ng-lagos's log");
        var notice = await NoticeOfAsync(lagos, audit);
        var delivered = await Eventually.UntilAsync(
            "ngo-ng-lagos's endpoint receives the rotation notice",
            () => Task.FromResult(NoticesReceived(own).FirstOrDefault(d => d.MessageId == notice.Identifier?.Value)),
            found => found is not null,
            _ => own.Describe());
        Expect.That(IndependentSignature.Verifies(previous, delivered!.Timestamp, delivered.Body, delivered.PreviousSignature),
            "during the overlap the notice also verifies with the secret ngo-ng-lagos still holds");
    }

    [Fact]
    public async Task A_webhook_address_in_a_private_or_metadata_range_is_refused_and_changes_nothing_while_an_allow_listed_one_is_accepted()
    {
        var government = hub.ClientFor(HubServerFixture.GovAgency);
        var operatorClient = hub.ClientFor(WebhookOperator.OperatorClient);
        foreach (var address in new[] { "https://10.1.2.3/hook", "https://169.254.169.254/latest/meta-data/", "https://[fd00::5]/hook", "https://100.64.1.1/hook" })
        {
            var endpoint = WebhookOperator.Webhook(HubServerFixture.GovAgency, address, active: false);
            var refused = (await operatorClient.PutAsync($"Endpoint/{endpoint.Id}", endpoint, ifMatch: null))
                .ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, $"registering the webhook address {address}");
            Expect.That(Expect.TextOf(refused).Contains("AllowedPrivateNetworks", StringComparison.Ordinal), "the refusal says how operators can allow a network", Expect.TextOf(refused));
        }

        (await operatorClient.GetAsync($"Endpoint/{HubServerFixture.GovAgency}-webhook")).ShouldBeOutcome(HttpStatusCode.NotFound, "no Endpoint was created by the refused requests");
        Expect.That((await AuditAsync(government)).Count == 0, "refused requests record no channel change");

        var allowed = WebhookOperator.Webhook(HubServerFixture.GovAgency, "https://10.20.1.5/hook", active: false);
        (await operatorClient.PutAsync($"Endpoint/{allowed.Id}", allowed, ifMatch: null)).ShouldBe(HttpStatusCode.Created, $"an address in the allow-listed {ChannelOversightHub.AllowedNetwork}");
        await AuditedAsync(government, "set up its webhook", a => Detail(a, "address") == "https://10.20.1.5/hook");
    }
}
