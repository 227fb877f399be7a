using System.Net;
using Npgsql;
using ReferralHub.Contracts.Messages;
using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using ReferralHub.EndToEnd.Tests.Webhooks;
using Xunit.Abstractions;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.ConsentEnforcement;

/// <summary>
/// Issue 12 in the distributed mode, where the services can fail apart: the Gateway enforces consent from its own store,
/// so a narrowing or a consent's end holds with the Consent and Routing services stopped, and a decision that reaches it
/// late — made before a withdrawal or an end — serves nothing. The class stops and starts services, so it has a
/// distributed hub of its own.
/// </summary>
[Collection(AfterTheOthers.Name)]
public sealed class ConsentWithoutItsServicesTests(ConsentWithoutItsServicesTests.Hub fixture, ITestOutputHelper output) : IClassFixture<ConsentWithoutItsServicesTests.Hub>
{
    private const string RoutingApprovals = "routing-disclosure-approved";

    private readonly DistributedHub hub = fixture.Hub;
    private readonly WebhookOperator operations = new(fixture.Hub.ClientFor(WebhookOperator.OperatorClient));
    private readonly HubClient shelter = fixture.Hub.ClientFor(HubServerFixture.Shelter);
    private readonly HubClient edo = fixture.Hub.ClientFor(HubServerFixture.NgoEdo);

    [Fact]
    public async Task A_narrowing_takes_effect_at_its_PUT_with_the_Consent_and_Routing_services_stopped()
    {
        var builder = new ReferralBuilder();
        var referral = await SubmitAsync(shelter, builder);
        var patientPath = await ReadTimeConsentTests.ReadableWithNameAsync(edo, builder, referral.TaskId);

        await DistributedHub.WhileStoppedAsync([hub.Consent, hub.Routing], async () =>
        {
            await ReviseConsentAsync(shelter, referral.ConsentId, consent => PermitClasses(consent, ["referral", "birth-year", "language"]));

            var reads = await RecipientView.ReadAllAsync(edo, referral.TaskId, patientPath);
            RecipientView.ShowsNoneOf(reads, [builder.Canaries.Family, builder.Canaries.Given, builder.Canaries.Education],
                "with Consent and Routing stopped, the first reads after the narrowing PUT carry neither the name nor the education history");
            RecipientView.IsRefused(reads[0], "no longer permits", "the Patient copy that holds the name is not served until a review re-redacts it");
        });
    }

    [Fact]
    public async Task A_consents_end_takes_effect_at_that_second_with_the_Consent_and_Routing_services_stopped()
    {
        var end = ReadTimeConsentTests.Second(DateTimeOffset.UtcNow.AddSeconds(20));
        var builder = new ReferralBuilder { ConsentEnd = end };
        var referral = await SubmitAsync(shelter, builder);
        var patientPath = await ReadTimeConsentTests.ReadableWithNameAsync(edo, builder, referral.TaskId);

        await DistributedHub.WhileStoppedAsync([hub.Consent, hub.Routing], async () =>
        {
            Expect.That(DateTimeOffset.UtcNow < end, "the services were stopped before the consent's end; the test needs that");
            await WallClock.UntilAsync(end.AddSeconds(1));

            var reads = await RecipientView.ReadAllAsync(edo, referral.TaskId, patientPath);
            RecipientView.IsRefused(reads[0], "expired", "one second after the consent's end, with no service left to announce it, the read answers 403");
            RecipientView.ShowsNoneOf(reads, builder.Canaries.Unique, "nothing of the survivor is served after the consent's end");
        });
    }

    [Fact]
    public async Task A_webhook_delivery_still_being_retried_carries_nothing_a_narrowing_removed_with_the_Consent_and_Routing_services_stopped()
    {
        await operations.RotateSecretAsync(HubServerFixture.NgoEdo);
        using var agency = new AgencyWebhook().AnswersInTurn(AgencyWebhook.ServerError);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, agency.Address);
        var builder = new ReferralBuilder();
        var referral = await SubmitAsync(shelter, builder);
        await Eventually.UntilAsync(
            "the agency's failing webhook has been sent the referral-request with the name",
            () => Task.FromResult(agency.ReferralRequestsFor(referral.TaskId)),
            found => found.Any(d => d.BodyText.Contains(builder.Canaries.Family, StringComparison.Ordinal)),
            found => agency.Describe(),
            TimeSpan.FromSeconds(30));

        await DistributedHub.WhileStoppedAsync([hub.Consent, hub.Routing], async () =>
        {
            await ReviseConsentAsync(shelter, referral.ConsentId, consent => PermitClasses(consent, ["referral", "birth-year", "language"]));

            // Attempts of one delivery follow one another. One may have been rendered before the PUT committed and be on
            // the wire as it answers (it held only what was permitted then, like a read answered at that moment); once
            // the agency has received one more attempt, every later one was rendered after the narrowing.
            var sentBefore = agency.ReferralRequestsFor(referral.TaskId).Count;
            await Eventually.UntilAsync(
                "the agency has received one more attempt since the narrowing PUT answered",
                () => Task.FromResult(agency.ReferralRequestsFor(referral.TaskId)),
                found => found.Count > sentBefore && found.All(d => d.AnsweredStatus is not null),
                found => agency.Describe(),
                TimeSpan.FromSeconds(30));
            agency.AnswersInTurn(AgencyWebhook.Ok);

            var delivered = await Eventually.UntilAsync(
                "the webhook delivery still waiting is sent again and accepted",
                () => Task.FromResult(agency.ReferralRequestsFor(referral.TaskId)),
                found => found.Any(d => d.AnsweredStatus == 200),
                found => agency.Describe(),
                TimeSpan.FromSeconds(30));
            Expect.NoneIn(delivered.Last(d => d.AnsweredStatus == 200).BodyText, [builder.Canaries.Family, builder.Canaries.Given, builder.Canaries.Education],
                "the delivery sent after the narrowing carries neither the name nor the education history");
        });

        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, agency.Address, active: false);
    }

    [Fact]
    public async Task A_stale_approval_arriving_after_the_withdrawal_re_enables_nothing()
    {
        var builder = new ReferralBuilder();
        var referral = await SubmitAsync(shelter, builder);
        var patientPath = await ReadTimeConsentTests.ReadableWithNameAsync(edo, builder, referral.TaskId);

        await ApprovalHeldUpAsync(referral, async () =>
        {
            var withdrawn = await shelter.GetAsync($"Consent/{referral.ConsentId}");
            var consent = withdrawn.As<FhirConsent>();
            consent.Status = FhirConsent.ConsentState.Inactive;
            var put = await shelter.PutAsync($"Consent/{referral.ConsentId}", consent, withdrawn.ETag);
            Expect.That(put.Status == HttpStatusCode.OK, "the shelter withdraws the consent", put.Describe());
            RecipientView.IsRefused(await edo.GetAsync(patientPath), "withdrawn", "after the withdrawal the read answers 403");
        });

        var reads = await RecipientView.ReadAllAsync(edo, referral.TaskId, patientPath);
        RecipientView.IsRefused(reads[0], "withdrawn", "after the stale approval reached the Gateway, the read still answers 403");
        RecipientView.ShowsNoneOf(reads, builder.Canaries.Unique, "the stale approval re-enabled nothing");
    }

    [Fact]
    public async Task A_stale_approval_arriving_after_the_consents_end_re_enables_nothing()
    {
        var end = ReadTimeConsentTests.Second(DateTimeOffset.UtcNow.AddSeconds(20));
        var builder = new ReferralBuilder { ConsentEnd = end };
        var referral = await SubmitAsync(shelter, builder);
        var patientPath = await ReadTimeConsentTests.ReadableWithNameAsync(edo, builder, referral.TaskId);

        await ApprovalHeldUpAsync(referral, async () =>
        {
            Expect.That(DateTimeOffset.UtcNow < end, "the approval was decided before the consent's end; the test needs that");
            await WallClock.UntilAsync(end.AddSeconds(1));
            RecipientView.IsRefused(await edo.GetAsync(patientPath), "expired", "after the consent's end the read answers 403");
        });

        var reads = await RecipientView.ReadAllAsync(edo, referral.TaskId, patientPath);
        RecipientView.IsRefused(reads[0], "expired", "after the stale approval reached the Gateway, the read still answers 403");
        RecipientView.ShowsNoneOf(reads, builder.Canaries.Unique, "the stale approval re-enabled nothing");
    }

    /// <summary>
    /// With Routing stopped, a widening makes Consent approve a review that waits in Routing's queue; then
    /// <paramref name="meanwhile"/> happens; then Routing starts and consumes the approval. Routing consumes the news of
    /// <paramref name="meanwhile"/> from a queue of its own, in either order: when the approval comes first it is passed
    /// on, and this waits until the Gateway has consumed the stale StoreDisclosure; when the news comes first Routing drops
    /// the approval itself, and the Gateway never sees it.
    /// </summary>
    private async Task ApprovalHeldUpAsync(ConsentLifecycle.SubmittedReferral referral, Func<Task> meanwhile)
    {
        await using var broker = await BrokerClient.ConnectAsync(fixture.VirtualHost.AmqpUri);
        var approvalsConsumed = await ConsumedAsync("routing", "DisclosureApprovedConsumer");
        var storesConsumed = await ConsumedAsync("gateway", "StoreDisclosureConsumer");
        var forwardedBefore = (await OutboxRows.FindAsync<StoreDisclosure>(hub.Postgres, "routing", referral.TaskId)).Count;
        await DistributedHub.WhileStoppedAsync([hub.Routing], async () =>
        {
            await ReviseConsentAsync(shelter, referral.ConsentId, consent => PermitClasses(consent, [.. Vocabulary.ConsentedClasses, "contact"]));
            await Eventually.UntilAsync(
                "Consent's approval of the widened disclosure waits in Routing's queue",
                () => broker.ReadyCountAsync(RoutingApprovals),
                ready => ready >= 1,
                ready => $"{ready} ready");
            await meanwhile();
        });
        await Eventually.UntilAsync(
            "Routing has consumed the held-up approval",
            () => ConsumedAsync("routing", "DisclosureApprovedConsumer"),
            count => count > approvalsConsumed,
            count => $"{count} consumed (before: {approvalsConsumed})");
        if ((await OutboxRows.FindAsync<StoreDisclosure>(hub.Postgres, "routing", referral.TaskId)).Count == forwardedBefore)
        {
            output.WriteLine("Routing had already learned of the change and dropped the stale approval itself");
            return;
        }

        await Eventually.UntilAsync(
            "the Gateway has consumed the StoreDisclosure the held-up approval became",
            () => ConsumedAsync("gateway", "StoreDisclosureConsumer"),
            count => count > storesConsumed,
            count => $"{count} consumed (before: {storesConsumed})");
        output.WriteLine("Routing passed the stale approval on; the Gateway consumed it");
    }

    /// <summary>How many messages a service's consumer has consumed: its inbox, read as an operator would.</summary>
    private async Task<long> ConsumedAsync(string schema, string consumer)
    {
        await using var connection = new NpgsqlConnection(hub.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""SELECT count(*) FROM "{schema}".inbox_records WHERE "Consumer" = @consumer""", connection);
        command.Parameters.AddWithValue("consumer", consumer);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The class's own distributed hub, whose webhooks are tried again within a second rather than after minutes.</summary>
    public sealed class Hub() : DistributedHubFixture(new Dictionary<string, string>
    {
        ["ReferralHub__Webhooks__RequestTimeout"] = "00:00:01",
        ["ReferralHub__Webhooks__FirstRetry"] = "00:00:00.200",
        ["ReferralHub__Webhooks__LongestRetry"] = "00:00:00.500",
        ["ReferralHub__Webhooks__SweepInterval"] = "00:00:00.100",
    });
}
