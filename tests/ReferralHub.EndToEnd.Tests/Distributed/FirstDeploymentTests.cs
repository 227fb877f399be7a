using Npgsql;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>
/// A hub deployed for the first time, on an empty virtual host, its services starting one after another: a consumer's
/// queue exists only once its service has started, and a message published before then must wait in the outbox, not be
/// dropped by the broker and counted as sent.
/// </summary>
public sealed class FirstDeploymentTests(FirstDeploymentTests.Unstarted fixture) : IClassFixture<FirstDeploymentTests.Unstarted>
{
    private DistributedHub Hub => fixture.Hub;

    [Fact]
    public async Task A_referral_accepted_before_Routing_ever_started_reaches_Routing_once_it_starts()
    {
        await Hub.Identity.StartAsync();
        await Task.WhenAll(Hub.Gateway.StartAsync(), Hub.Consent.StartAsync());
        using var shelter = Hub.ClientFor(HubServerFixture.Shelter);
        using var edo = Hub.ClientFor(HubServerFixture.NgoEdo);

        // A named recipient's copy is stored with the submission; Routing learns of the referral through the bus.
        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        await LifecycleSteps.DeliveredAsync(edo, referral.TaskId);
        await Hub.Routing.StartAsync();

        await Eventually.UntilAsync(
            "Routing records the referral accepted before it had ever started (what recalls it if the consent is withdrawn)",
            () => RoutingRecordsAsync(referral.TaskId),
            recorded => recorded,
            _ => Hub.RecentOutput(),
            TimeSpan.FromSeconds(60));
    }

    private async Task<bool> RoutingRecordsAsync(string taskId)
    {
        await using var connection = new NpgsqlConnection(Hub.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM routing.referrals WHERE "TaskId" = @task""", connection);
        command.Parameters.AddWithValue("task", taskId);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    /// <summary>The hub in a database and virtual host of its own, none of its services started: the test starts them.</summary>
    public sealed class Unstarted : DistributedHubFixture
    {
        protected override Task StartServicesAsync(DistributedHub hub) => Task.CompletedTask;
    }
}
