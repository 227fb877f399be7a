using Npgsql;
using ReferralHub.Contracts.Messages;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Distributed.Telemetry;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>
/// Issue 3, "Must show": every effect happens once, a broken message is parked for an operator, and the window between
/// a commit and its publish is closed; against the four service processes on PostgreSQL and RabbitMQ. The referrals name
/// no recipient, so that their disclosure travels the whole message path (a named recipient's is stored with the
/// submission).
/// </summary>
public sealed class MessagingGuaranteeTests(DistributedHubFixture fixture) : IClassFixture<DistributedHubFixture>, IDisposable
{
    private const string StoreDisclosureQueue = "gateway-store-disclosure";
    private const string ReferralSubmittedQueue = "routing-referral-submitted";
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    private readonly ReferralSubmitter submitter = new(fixture.Hub.Gateway.BaseAddress, fixture.Hub.Tokens, ReferralSubmitter.ThroughDirectory);
    private readonly DeliveryLedger ledger = new(fixture.Hub.Postgres);

    private DistributedHub Hub => fixture.Hub;

    [Fact]
    public async Task The_same_message_id_published_ten_times_has_one_effect()
    {
        var referral = await DeliveredReferralAsync();
        var stored = (await OutboxRows.FindAsync<StoreDisclosure>(Hub.Postgres, "routing", referral.PatientId)).Single();
        var message = BrokerClient.Deserialize<StoreDisclosure>(stored.Payload);
        await using var broker = await BrokerClient.ConnectAsync(fixture.VirtualHost.AmqpUri);

        // The Gateway is stopped so that all ten copies wait in its queue together, then meet its consumer at once.
        await Hub.Gateway.StopAsync();
        try
        {
            for (var copy = 0; copy < 10; copy++)
            {
                await broker.PublishAsync(message, stored.Id);
            }

            Assert.Equal(10u, await broker.ReadyCountAsync(StoreDisclosureQueue));
        }
        finally
        {
            await Hub.Gateway.StartAsync();
        }

        await WaitUntilAsync(async () => await broker.ReadyCountAsync(StoreDisclosureQueue) == 0, "the ten copies are taken from the queue");

        // The restarted Gateway counts from zero: all ten copies repeat a message it had already handled.
        var absorbed = await ServiceMetrics.UntilAsync(Hub.Gateway, "referralhub_inbox_duplicates_total", 10, "consumer=\"StoreDisclosureConsumer\"");
        Assert.Equal(10, absorbed.Sum("referralhub_inbox_duplicates_total", "consumer=\"StoreDisclosureConsumer\""));

        // A graceful stop returns whatever is unacknowledged to the queue: an empty queue now means all ten were handled.
        await Hub.Gateway.StopAsync();
        var leftOver = await broker.ReadyCountAsync(StoreDisclosureQueue);
        await Hub.Gateway.StartAsync();
        Assert.Equal(0u, leftOver);

        var delivery = (await ledger.ReadAsync()).Of(referral);
        Assert.True(delivery.IsExactlyOnce, $"after ten deliveries of one message the recipient has {delivery}, not one copy at version 1 with one audit record");
    }

    [Fact]
    public async Task A_message_whose_consumer_always_throws_ends_in_the_error_queue_while_good_messages_keep_flowing()
    {
        var first = await DeliveredReferralAsync();
        var stored = (await OutboxRows.FindAsync<StoreDisclosure>(Hub.Postgres, "routing", first.PatientId)).Single();
        var message = BrokerClient.Deserialize<StoreDisclosure>(stored.Payload);
        // Sealed content that does not open: the Gateway's consumer throws on every attempt.
        var broken = message.Disclosure.Resources.Select(r => r with { Sealed = r.Sealed with { Ciphertext = Convert.ToBase64String(new byte[64]) } }).ToList();
        var poison = new StoreDisclosure(message.Disclosure with { Resources = broken });
        await using var broker = await BrokerClient.ConnectAsync(fixture.VirtualHost.AmqpUri);

        await broker.PublishAsync(poison, Guid.NewGuid());
        var second = await submitter.SubmitAcceptedAsync();

        var after = await ledger.WaitForAsync([second], DeliveryTimeout);
        Assert.True(after.Of(second).IsExactlyOnce, $"a referral submitted while a poison message was retrying: {after.Of(second)}");
        await WaitUntilAsync(async () => await broker.ReadyCountAsync(StoreDisclosureQueue + "_error") == 1, "the poison message is in the _error queue");
        Assert.True((await ledger.ReadAsync()).Of(first).IsExactlyOnce, "the poison message changed the disclosure it was made from");

        // An operator sees it in the metrics: five retries of a failing consumer, then one message parked.
        var parked = await ServiceMetrics.UntilAsync(Hub.Gateway, "referralhub_messages_faulted_total", 1, $"queue=\"{StoreDisclosureQueue}\"");
        Assert.Equal(1, parked.Sum("referralhub_messages_faulted_total", $"queue=\"{StoreDisclosureQueue}\""));
        Assert.Equal(5, parked.Sum("referralhub_messages_retries_total", $"queue=\"{StoreDisclosureQueue}\"", "failure=\"error\""));
    }

    [Fact]
    public async Task The_gateway_killed_right_after_its_commit_still_delivers_the_referral_once_restarted()
    {
        // A paused outbox holds the process exactly in the window: committed, not yet published.
        await Hub.Gateway.StopAsync();
        await Hub.Gateway.StartAsync(new Dictionary<string, string> { ["ReferralHub__Outbox__Paused"] = "true" });
        AcceptedReferral referral;
        try
        {
            referral = await submitter.SubmitAcceptedAsync();
            var pending = await OutboxRows.FindAsync<ReferralSubmitted>(Hub.Postgres, "gateway", referral.PatientId);
            Assert.Single(pending, row => row.DispatchedAt is null);
            Assert.Equal(Delivery.None, (await ledger.ReadAsync()).Of(referral));
        }
        finally
        {
            Hub.Gateway.Kill();
        }

        await Hub.Gateway.StartAsync();
        var delivery = (await ledger.WaitForAsync([referral], DeliveryTimeout)).Of(referral);
        Assert.True(delivery.IsExactlyOnce, $"the referral committed before the crash: {delivery}");
    }

    [Fact]
    public async Task A_referral_whose_news_reaches_Routing_after_its_consents_withdrawal_is_still_cancelled_and_recalled()
    {
        // A referral that names its recipient is disclosed with its submission; Routing hears of it afterwards. Here the
        // news is held up until Routing has handled the withdrawal of the consent it was disclosed under.
        var shelter = Hub.ClientFor(HubServerFixture.Shelter);
        var edo = Hub.ClientFor(HubServerFixture.NgoEdo);
        await using var broker = await BrokerClient.ConnectAsync(fixture.VirtualHost.AmqpUri);
        var withdrawalsHandled = await RoutingConsumedAsync("ConsentWithdrawnConsumer");
        SubmittedReferral? referral = null;
        await DistributedHub.WhileStoppedAsync([Hub.Routing], async () =>
        {
            referral = await SubmitAsync(shelter, new ReferralBuilder());
            await DeliveredAsync(edo, referral.TaskId);
            await WaitUntilAsync(async () => (await OutboxRows.FindAsync<ReferralSubmitted>(Hub.Postgres, "gateway", referral.TaskId)).Single().DispatchedAt is not null, "the referral's news is published");
            await broker.PurgeAsync(ReferralSubmittedQueue);

            var current = await shelter.GetAsync($"Consent/{referral.ConsentId}");
            var consent = current.As<FhirConsent>();
            consent.Status = FhirConsent.ConsentState.Inactive;
            var put = await shelter.PutAsync($"Consent/{referral.ConsentId}", consent, current.ETag);
            Expect.That(put.Status == System.Net.HttpStatusCode.OK, "the shelter withdraws the consent", put.Describe());
        });

        await WaitUntilAsync(async () => await RoutingConsumedAsync("ConsentWithdrawnConsumer") > withdrawalsHandled, "Routing has handled the withdrawal");
        var held = (await OutboxRows.FindAsync<ReferralSubmitted>(Hub.Postgres, "gateway", referral!.TaskId)).Single();
        await broker.PublishAsync(BrokerClient.Deserialize<ReferralSubmitted>(held.Payload), held.Id);

        var task = await Eventually.UntilAsync(
            "the shelter sees the referral's Task cancelled",
            () => shelter.GetAsync($"Task/{referral.TaskId}"),
            found => found.Status == System.Net.HttpStatusCode.OK && found.As<FhirTask>().Status == FhirTask.TaskStatus.Cancelled,
            found => found.Describe());
        Expect.That(task.As<FhirTask>().StatusReason?.Text?.Contains("withdrawn", StringComparison.Ordinal) == true, "the Task says the consent was withdrawn", task.Body);
        await Eventually.UntilAsync(
            "ngo-ng-edo's mailbox holds the recall of the referral",
            () => MessagesAsync(edo),
            messages => RecallFor(messages, referral.TaskId) is not null,
            messages => $"{messages.Count} messages");
    }

    public void Dispose() => submitter.Dispose();

    /// <summary>How many messages a Routing consumer has handled: its inbox, read as an operator would.</summary>
    private async Task<long> RoutingConsumedAsync(string consumer)
    {
        await using var connection = new NpgsqlConnection(Hub.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM routing.inbox_records WHERE "Consumer" = @consumer""", connection);
        command.Parameters.AddWithValue("consumer", consumer);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<AcceptedReferral> DeliveredReferralAsync()
    {
        var referral = await submitter.SubmitAcceptedAsync();
        var delivery = (await ledger.WaitForAsync([referral], DeliveryTimeout)).Of(referral);
        Assert.True(delivery.IsExactlyOnce, $"a plain referral: {delivery}\n{Hub.RecentOutput()}");
        return referral;
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        Eventually.UntilAsync(what, condition, holds => holds, timeout: DeliveryTimeout);
}
