using System.Net;
using System.Text.Json;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Webhooks;

/// <summary>With the retry budget shortened to seconds, a delivery the agency never accepts ends as a dead letter.</summary>
[Collection(AfterTheOthers.Name)]
public sealed class WebhookDeadLetterTests(ShortBudgetWebhookHub fixture) : IClassFixture<ShortBudgetWebhookHub>
{
    private readonly HubClient shelter = fixture.Hub.ClientFor(HubServerFixture.Shelter);
    private readonly HubClient edo = fixture.Hub.ClientFor(HubServerFixture.NgoEdo);
    private readonly HubClient operatorClient = fixture.Hub.ClientFor(WebhookOperator.OperatorClient);

    [Fact]
    public async Task A_delivery_is_dead_lettered_once_its_retry_budget_is_spent_listed_only_for_operators_and_can_be_redelivered()
    {
        var operations = new WebhookOperator(operatorClient);
        await operations.RotateSecretAsync(HubServerFixture.NgoEdo);
        using var agency = new AgencyWebhook().AnswersInTurn(AgencyWebhook.ServerError);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, agency.Address);

        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        var identifier = (await Eventually.UntilAsync(
            "the agency's webhook has received the referral-request at least once",
            () => Task.FromResult(agency.ReferralRequestsFor(referral.TaskId)),
            found => found.Count >= 1,
            found => $"{agency.Received.Count} POSTs")).First().MessageId;

        var letter = await Eventually.UntilAsync(
            "the operator sees the delivery among the dead letters",
            async () => Find(await operations.DeadLettersAsync(operatorClient), identifier),
            found => found is not null,
            found => "not listed",
            ShortBudgetWebhookHub.RetryFor * 5);
        var attemptsMade = agency.ReferralRequestsFor(referral.TaskId).Count;
        Expect.That(letter!.Value.GetProperty("attempts").GetInt32() >= 2 && letter.Value.GetProperty("lastStatus").GetInt32() == 500,
            "the dead letter says how many attempts were made and what the last answer was", letter.Value.ToString());
        Expect.That(letter.Value.GetProperty("organizationId").GetString() == HubServerFixture.NgoEdo && letter.Value.GetProperty("event").GetString() == "referral-request",
            "the dead letter names the organisation and the message event", letter.Value.ToString());
        Expect.That(attemptsMade >= 2, "the hub retried before giving up", $"{attemptsMade} POSTs");

        (await operations.DeadLettersAsync(edo)).ShouldBeOutcome(HttpStatusCode.Forbidden, "the organisation itself does not see the operators' dead letters");
        (await edo.SendAsync(HttpMethod.Post, new Uri(edo.FhirBase, $"{WebhookOperator.DeadLettersPath}/{letter.Value.GetProperty("deliveryId").GetString()}/redeliver").AbsoluteUri))
            .ShouldBeOutcome(HttpStatusCode.Forbidden, "the organisation cannot redeliver");

        using var recovered = new AgencyWebhook().AnswersInTurn(AgencyWebhook.Ok);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, recovered.Address);
        var redeliver = await operatorClient.SendAsync(HttpMethod.Post, new Uri(operatorClient.FhirBase, $"{WebhookOperator.DeadLettersPath}/{letter.Value.GetProperty("deliveryId").GetString()}/redeliver").AbsoluteUri);
        redeliver.ShouldBe(HttpStatusCode.Accepted, "the operator redelivers the dead letter");
        await Eventually.UntilAsync(
            "the redelivered message is answered 200 by the agency's recovered endpoint",
            () => Task.FromResult(recovered.ReferralRequestsFor(referral.TaskId)),
            found => found.Any(d => d.AnsweredStatus == 200),
            found => $"{found.Count} POSTs, answers {string.Join(",", found.Select(d => d.AnsweredStatus))}");
        Expect.That(Find(await operations.DeadLettersAsync(operatorClient), identifier) is null, "a redelivered message is no longer a dead letter");
        Expect.That(recovered.ReferralRequestsFor(referral.TaskId).All(d => d.MessageId == identifier), "the redelivery carries the same Bundle.identifier");
    }

    private static JsonElement? Find(HubResponse response, string? bundleIdentifier)
    {
        response.ShouldBe(HttpStatusCode.OK, "the operator lists dead letters");
        foreach (var letter in JsonDocument.Parse(response.Body).RootElement.EnumerateArray())
        {
            if (letter.GetProperty("bundleIdentifier").GetString() == bundleIdentifier)
            {
                return letter.Clone();
            }
        }

        return null;
    }
}
