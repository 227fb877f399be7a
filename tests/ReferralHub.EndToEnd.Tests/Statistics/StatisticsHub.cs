using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Statistics;

/// <summary>
/// A hub that suppresses counts below 3 (so that a handful of referrals shows suppression) and the shelter's referrals:
/// to ngo-ng-edo four for vocational training whose consent permits statistics and one whose consent does not; to
/// ngo-ng-lagos one for job placement and to gov-ng-agency three for health, both permitting statistics.
/// </summary>
public sealed class StatisticsHub : IAsyncLifetime
{
    public const int Threshold = 3;

    private static readonly string[] WithStatistics = ["reintegration-assistance", "statistics"];

    public HubServerFixture Hub { get; } = new(["--ReferralHub:Statistics:Threshold", Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    public async Task InitializeAsync()
    {
        await Hub.InitializeAsync();
        var shelter = Hub.ClientFor(HubServerFixture.Shelter);
        for (var i = 0; i < 4; i++)
        {
            await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder { ConsentedPurposes = WithStatistics });
        }

        await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        await LifecycleSteps.SubmitAsync(shelter, Referral(HubServerFixture.NgoLagos, "job-placement"));
        for (var i = 0; i < 3; i++)
        {
            await LifecycleSteps.SubmitAsync(shelter, Referral(HubServerFixture.GovAgency, "health"));
        }
    }

    public Task DisposeAsync() => Hub.DisposeAsync();

    private static ReferralBuilder Referral(string recipient, string service) =>
        new() { Performer = recipient, ConsentRecipient = recipient, ServiceCode = service, ConsentedPurposes = WithStatistics };
}
