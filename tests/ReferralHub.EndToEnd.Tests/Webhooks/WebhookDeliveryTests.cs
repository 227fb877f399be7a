using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Privacy;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Webhooks;

/// <summary>
/// Signed webhooks (issue 5): a WireMock.Net server stands in for ngo-ng-edo's endpoint; the operator points the
/// organisation's webhook at it, the shelter refers a survivor, and the referral-request message Bundle arrives signed,
/// through failures, and at least once.
/// </summary>
public sealed class WebhookDeliveryTests(RetryingWebhookHub fixture) : IClassFixture<RetryingWebhookHub>
{
    private readonly HubClient shelter = fixture.Hub.ClientFor(HubServerFixture.Shelter);
    private readonly HubClient edo = fixture.Hub.ClientFor(HubServerFixture.NgoEdo);
    private readonly WebhookOperator operations = new(fixture.Hub.ClientFor(WebhookOperator.OperatorClient));

    [Fact]
    public async Task A_referral_reaches_the_agency_webhook_as_the_message_bundle_signed_over_timestamp_and_body()
    {
        var secret = await operations.RotateSecretAsync(HubServerFixture.NgoEdo);
        using var agency = new AgencyWebhook().AnswersInTurn(AgencyWebhook.Ok);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, agency.Address);

        var builder = new ReferralBuilder();
        var referral = await LifecycleSteps.SubmitAsync(shelter, builder);
        var delivery = (await ReferralRequestsAsync(agency, referral.TaskId, atLeast: 1))[0];

        Expect.That(IndependentSignature.Verifies(secret, delivery.Timestamp, delivery.Body, delivery.Signature),
            "X-ReferralHub-Signature is sha256=<hex HMAC-SHA256 over \"{timestamp}.{body}\"> with the secret the operator was given", $"{delivery.Timestamp} {delivery.Signature}");
        Expect.That(IndependentSignature.IsFresh(delivery.Timestamp, DateTimeOffset.UtcNow), "X-ReferralHub-Timestamp is the current Unix time in seconds", delivery.Timestamp);
        var tampered = delivery.Body.ToArray();
        tampered[tampered.Length / 2] ^= 0x01;
        Expect.That(!IndependentSignature.Verifies(secret, delivery.Timestamp, tampered, delivery.Signature), "a changed body no longer verifies");
        Expect.That(!IndependentSignature.Verifies(secret, (long.Parse(delivery.Timestamp!, System.Globalization.CultureInfo.InvariantCulture) - 600).ToString(System.Globalization.CultureInfo.InvariantCulture), delivery.Body, delivery.Signature),
            "a replayed body under an older timestamp no longer verifies");
        Expect.That(delivery.ContentType?.StartsWith("application/fhir+json", StringComparison.Ordinal) == true, "the body is sent as application/fhir+json", delivery.ContentType);

        var bundle = delivery.Bundle;
        Expect.That(bundle.Type == Bundle.BundleType.Message && bundle.Entry[0].Resource is MessageHeader, "the body is a message Bundle with its MessageHeader first");
        Expect.That(delivery.MessageId == bundle.Identifier?.Value, "X-ReferralHub-Message-Id is the Bundle.identifier receivers deduplicate by", delivery.MessageId);
        Expect.That(bundle.Entry.Any(e => e.Resource is FhirTask task && task.Id == referral.TaskId), "the message carries the recipient's Task, rendered at send time");
        Expect.NoneIn(delivery.BodyText, builder.Canaries.WithheldFromRecipient, "nothing the consent withholds from ngo-ng-edo is in the webhook body");

        var polled = await edo.GetAsync("Bundle");
        Expect.That(polled.As<Bundle>().Entry.Any(e => e.Resource is Bundle m && m.Identifier?.Value == bundle.Identifier?.Value),
            "the same message (same Bundle.identifier) is in ngo-ng-edo's mailbox on the polling channel", polled.Describe());
        Expect.NoneIn(await EmbeddedStoredRows.DatabaseFilesAsync(fixture.Hub.DataFolder), [secret, secret["rhwhsec_".Length..]],
            "a copy of the hub's databases does not reveal the secret the deliveries are signed with");
    }

    [Fact]
    public async Task After_a_rotation_the_new_secret_signs_and_the_previous_one_signs_a_second_header_during_the_overlap()
    {
        var previous = await operations.RotateSecretAsync(HubServerFixture.NgoEdo);
        var current = await operations.RotateSecretAsync(HubServerFixture.NgoEdo);
        Expect.That(previous != current && current.Length >= 40, "each rotation gives a new, long secret");
        using var agency = new AgencyWebhook().AnswersInTurn(AgencyWebhook.Ok);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, agency.Address);

        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        var delivery = (await ReferralRequestsAsync(agency, referral.TaskId, atLeast: 1))[0];

        Expect.That(IndependentSignature.Verifies(current, delivery.Timestamp, delivery.Body, delivery.Signature), "X-ReferralHub-Signature is made with the new secret");
        Expect.That(!IndependentSignature.Verifies(previous, delivery.Timestamp, delivery.Body, delivery.Signature), "X-ReferralHub-Signature is not made with the previous secret");
        Expect.That(IndependentSignature.Verifies(previous, delivery.Timestamp, delivery.Body, delivery.PreviousSignature),
            "during the overlap X-ReferralHub-Signature-Previous is made with the previous secret, for receivers still holding it", delivery.PreviousSignature);
    }

    [Fact]
    public async Task Delivery_is_retried_through_dropped_connections_server_errors_and_timeouts_until_the_agency_answers_2xx()
    {
        var secret = await operations.RotateSecretAsync(HubServerFixture.NgoEdo);
        using var dropping = new DroppingEndpoint();
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, dropping.Address);

        var builder = new ReferralBuilder();
        var referral = await LifecycleSteps.SubmitAsync(shelter, builder);
        var messageId = await MailboxIdentifierAsync(referral.TaskId);
        await Eventually.UntilAsync("the hub has tried again after its connection was reset twice", () => Task.FromResult(dropping.DroppedFor(messageId)), dropped => dropped >= 2);

        // The agency's endpoint comes back, first answering 500, then too slowly, then in time. The address is read
        // at every attempt, so the pending delivery follows the operator's change.
        using var agency = new AgencyWebhook().AnswersInTurn(AgencyWebhook.ServerError, AgencyWebhook.OkAfter(RetryingWebhookHub.RequestTimeout * 3), AgencyWebhook.Ok);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, agency.Address);
        var deliveries = await AnsweredByAsync(agency, referral.TaskId, AgencyWebhook.AnswerTitle(0), AgencyWebhook.AnswerTitle(1), AgencyWebhook.AnswerTitle(2));

        Expect.That(deliveries.Count(d => d.AnsweredBy == AgencyWebhook.AnswerTitle(2)) == 1, "the hub stopped once it got a 2xx in time", agency.Describe());
        Expect.That(deliveries.All(d => d.MessageId == messageId), "every attempt carries the Bundle.identifier of the message in ngo-ng-edo's mailbox");
        Expect.That(deliveries.All(d => IndependentSignature.Verifies(secret, d.Timestamp, d.Body, d.Signature)), "every attempt is signed afresh and verifies");
        var attempts = deliveries.Select(d => int.Parse(d.Attempt!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Expect.That(attempts.Min() >= 3 && attempts.Distinct().Count() == attempts.Count, "X-ReferralHub-Attempt counts on from the dropped attempts", string.Join(",", attempts));

        var webhookLog = fixture.Hub.Logs.Entries.Where(e => e.Category.Contains("Webhook", StringComparison.Ordinal)).ToList();
        Expect.That(webhookLog.Any(e => e.Text.Contains(deliveries[0].MessageId!["urn:uuid:".Length..], StringComparison.Ordinal)), "the failed attempts are logged by message id");
        Expect.NoneIn(string.Join("\n", fixture.Hub.Logs.Entries.Select(e => e.Text)), [.. builder.Canaries.All, secret, agency.Address, dropping.Address],
            "no log line carries the survivor's data, the secret or the receiver's address");
    }

    [Fact]
    public async Task A_receiver_that_deduplicates_by_bundle_identifier_acts_once_when_a_slow_2xx_makes_the_hub_deliver_twice()
    {
        var secret = await operations.RotateSecretAsync(HubServerFixture.NgoEdo);
        using var agency = new AgencyWebhook().AnswersInTurn(AgencyWebhook.OkAfter(RetryingWebhookHub.RequestTimeout * 3), AgencyWebhook.Ok);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, agency.Address);

        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        var deliveries = await AnsweredByAsync(agency, referral.TaskId, AgencyWebhook.AnswerTitle(0), AgencyWebhook.AnswerTitle(1));

        var receiver = new DeduplicatingReceiver(secret);
        foreach (var delivery in deliveries)
        {
            receiver.Receive(delivery, DateTimeOffset.UtcNow);
        }

        Expect.That(deliveries.Count >= 2, "the hub delivered the message more than once: its first attempt timed out although the agency processed it", agency.Describe());
        Expect.That(receiver.Rejected == 0, "every delivery carries a valid, fresh signature");
        Expect.That(receiver.Effects.Count == 1 && receiver.DuplicatesDropped == deliveries.Count - 1, "the receiver acted once and dropped the duplicates by Bundle.identifier",
            $"{receiver.Effects.Count} effects, {receiver.DuplicatesDropped} duplicates dropped");
    }

    [Fact]
    public async Task Every_kind_of_mailbox_message_takes_the_webhook_too_a_status_change_reaches_the_referrer()
    {
        // ngo-ng-edo's webhook is off here: its referral-request is not this test's subject.
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, "http://127.0.0.1:9/unused", active: false);
        var secret = await operations.RotateSecretAsync(HubServerFixture.Shelter);
        using var shelterEndpoint = new AgencyWebhook().AnswersInTurn(AgencyWebhook.Ok);
        await operations.PointWebhookAtAsync(HubServerFixture.Shelter, shelterEndpoint.Address);

        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        var read = await Eventually.UntilAsync($"ngo-ng-edo can read Task/{referral.TaskId}", () => edo.GetAsync($"Task/{referral.TaskId}"), r => r.Status == HttpStatusCode.OK, r => r.Describe());
        var task = read.As<FhirTask>();
        task.Status = FhirTask.TaskStatus.Accepted;
        (await edo.PutAsync($"Task/{referral.TaskId}", task, read.ETag)).ShouldBe(HttpStatusCode.OK, "ngo-ng-edo accepts the referral");

        var notice = await Eventually.UntilAsync(
            "the shelter's webhook receives the task-status-changed message of the Task",
            () => Task.FromResult(shelterEndpoint.Received.FirstOrDefault(d => d.Bundle.Entry.FirstOrDefault()?.Resource is MessageHeader header
                && (header.Event as Coding)?.Code == "task-status-changed" && header.Focus.Any(f => f.Reference == $"Task/{referral.TaskId}"))),
            found => found is not null,
            _ => shelterEndpoint.Describe(),
            TimeSpan.FromSeconds(30));
        Expect.That(IndependentSignature.Verifies(secret, notice!.Timestamp, notice.Body, notice.Signature), "the notice is signed with the shelter's own secret");
    }

    [Fact]
    public async Task Only_operators_manage_webhook_channels_their_secrets_and_dead_letters()
    {
        using var agency = new AgencyWebhook().AnswersInTurn(AgencyWebhook.Ok);
        var endpoint = WebhookOperator.Webhook(HubServerFixture.NgoEdo, agency.Address);

        (await edo.PutAsync($"Endpoint/{endpoint.Id}", endpoint, ifMatch: null)).ShouldBeOutcome(HttpStatusCode.Forbidden, "an organisation cannot set its own webhook");
        (await edo.GetAsync($"Endpoint/{endpoint.Id}")).ShouldBeOutcome(HttpStatusCode.Forbidden, "an organisation cannot read webhook Endpoints");
        (await edo.GetAsync("Endpoint")).ShouldBeOutcome(HttpStatusCode.Forbidden, "an organisation cannot search webhook Endpoints");
        (await edo.PostAsync($"Organization/{HubServerFixture.NgoEdo}/$rotate-webhook-secret", new Parameters())).ShouldBeOutcome(HttpStatusCode.Forbidden, "an organisation cannot rotate a webhook secret");
        (await operations.DeadLettersAsync(edo)).ShouldBeOutcome(HttpStatusCode.Forbidden, "an organisation cannot list dead letters");

        var secret = await operations.RotateSecretAsync(HubServerFixture.NgoEdo);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, agency.Address);
        var operatorClient = fixture.Hub.ClientFor(WebhookOperator.OperatorClient);
        var read = (await operatorClient.GetAsync($"Endpoint/{endpoint.Id}")).ShouldBe(HttpStatusCode.OK, "the operator reads the Endpoint");
        Expect.That(read.As<Endpoint>().Address == agency.Address && read.As<Endpoint>().Status == Endpoint.EndpointStatus.Active, "the Endpoint holds the address and is active", read.Describe());
        Expect.That(!read.Body.Contains(secret, StringComparison.Ordinal), "the secret is never returned again");
        var search = (await operatorClient.GetAsync($"Endpoint?organization=Organization/{HubServerFixture.NgoEdo}")).ShouldBe(HttpStatusCode.OK, "the operator searches Endpoints by organisation");
        Expect.That(search.As<Bundle>().Entry.Count == 1, "ngo-ng-edo has one webhook Endpoint", search.Describe());

        var cleartext = WebhookOperator.Webhook(HubServerFixture.NgoLagos, "http://agency.example.org/hook");
        (await operatorClient.PutAsync($"Endpoint/{cleartext.Id}", cleartext, ifMatch: null)).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "http is refused for a host that is not loopback");
        var unsigned = WebhookOperator.Webhook(HubServerFixture.GovAgency, "https://agency.example.org/hook");
        (await operatorClient.PutAsync($"Endpoint/{unsigned.Id}", unsigned, ifMatch: null)).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a webhook cannot be activated before its organisation has a secret");

        var metadata = (await operatorClient.GetAsync("metadata")).As<CapabilityStatement>();
        var rest = metadata.Rest[0];
        Expect.That(rest.Resource.Any(r => r.Type == "Endpoint" && r.UpdateCreate == true), "the CapabilityStatement lists Endpoint, created by PUT");
        Expect.That(rest.Resource.Any(r => r.Type == "Organization" && r.Operation.Any(o => o.Name == "rotate-webhook-secret")), "the CapabilityStatement lists $rotate-webhook-secret on Organization");
    }

    /// <summary>The Bundle.identifier of the Task's referral-request in ngo-ng-edo's mailbox (the polling channel).</summary>
    private async Task<string> MailboxIdentifierAsync(string taskId)
    {
        var mailbox = await Eventually.UntilAsync(
            $"ngo-ng-edo's mailbox holds the referral-request of Task/{taskId}",
            () => edo.GetAsync("Bundle"),
            found => found.Status == HttpStatusCode.OK && Find(found) is not null,
            found => found.Describe());
        return Find(mailbox)!;

        string? Find(HubResponse response) => response.As<Bundle>().Entry.Select(e => e.Resource).OfType<Bundle>()
            .FirstOrDefault(m => m.Entry.FirstOrDefault()?.Resource is MessageHeader header
                && (header.Event as Coding)?.Code == "referral-request" && header.Focus.Any(f => f.Reference == $"Task/{taskId}"))?.Identifier?.Value;
    }

    /// <summary>Waits until the Task's referral-request has received each of the given answers; returns all its POSTs.</summary>
    private static Task<IReadOnlyList<ReceivedDelivery>> AnsweredByAsync(AgencyWebhook agency, string taskId, params string[] answers) =>
        Eventually.UntilAsync(
            $"the agency's webhook has given the referral-request of Task/{taskId} each of: {string.Join(", ", answers)}",
            () => Task.FromResult(agency.ReferralRequestsFor(taskId)),
            found => answers.All(answer => found.Any(d => d.AnsweredBy == answer)),
            found => agency.Describe(),
            TimeSpan.FromSeconds(30));

    private static Task<IReadOnlyList<ReceivedDelivery>> ReferralRequestsAsync(AgencyWebhook agency, string taskId, int atLeast) =>
        Eventually.UntilAsync(
            $"the agency's webhook has received the referral-request of Task/{taskId} at least {atLeast} times",
            () => Task.FromResult(agency.ReferralRequestsFor(taskId)),
            found => found.Count >= atLeast,
            found => $"{found.Count} for the Task among {agency.Received.Count} POSTs: {agency.Describe()}",
            TimeSpan.FromSeconds(30));
}
