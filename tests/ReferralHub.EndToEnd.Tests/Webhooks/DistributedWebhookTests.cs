using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.MessageSigning;
using ReferralHub.EndToEnd.Tests.Privacy;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Webhooks;

/// <summary>
/// The same channel on the distributed hub: the Gateway's webhook tables come from the PostgreSQL migrations and the
/// dispatcher claims its rows with FOR UPDATE SKIP LOCKED.
/// </summary>
[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedWebhookTests(DistributedHubFixture fixture)
{
    [Fact]
    public async Task On_PostgreSQL_a_referral_reaches_the_agency_webhook_signed_with_the_organisation_secret()
    {
        var hub = fixture.Hub;
        var operations = new WebhookOperator(hub.ClientFor(WebhookOperator.OperatorClient));
        var secret = await operations.RotateSecretAsync(HubServerFixture.NgoEdo);
        using var agency = new AgencyWebhook().AnswersInTurn(AgencyWebhook.Ok);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, agency.Address);

        var referral = await LifecycleSteps.SubmitAsync(hub.ClientFor(HubServerFixture.Shelter), new ReferralBuilder());
        var delivery = (await Eventually.UntilAsync(
            $"the agency's webhook has received the referral-request of Task/{referral.TaskId}",
            () => Task.FromResult(agency.ReferralRequestsFor(referral.TaskId)),
            found => found.Count >= 1,
            found => agency.Describe(),
            TimeSpan.FromSeconds(30)))[0];

        Expect.That(IndependentSignature.Verifies(secret, delivery.Timestamp, delivery.Body, delivery.Signature), "the delivery verifies with the organisation's secret");
        Expect.That(delivery.MessageId == delivery.Bundle.Identifier?.Value, "X-ReferralHub-Message-Id is the Bundle.identifier");
        var keys = (await hub.ClientFor(HubServerFixture.Shelter).GetAsync(".well-known/message-signing-keys")).Body;
        Expect.That(IndependentJws.Verify(keys, delivery.Body, delivery.Jws) is not null,
            "X-ReferralHub-JWS verifies with the keys the Gateway publishes, its key in the file it was given", delivery.Jws);
        var rows = await DistributedStoredRows.EverySchemaAsync(hub.Postgres);
        Expect.That(rows.Any(r => r.Place == "gateway.webhook_secrets"), "the search reads the stored webhook secrets");
        Expect.NoneIn(string.Join('\n', rows.Select(r => r.Text)), [secret, secret["rhwhsec_".Length..]], "a copy of the database does not reveal the secret the deliveries are signed with");
    }
}
