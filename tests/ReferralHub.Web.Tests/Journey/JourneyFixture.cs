using ReferralHub.Web.Tests.Infrastructure;

namespace ReferralHub.Web.Tests.Journey;

/// <summary>One hub, one browser and one run of the caseworkers' journey, which the journey's tests share.</summary>
public sealed class JourneyFixture : IAsyncLifetime
{
    private readonly Lazy<Task<JourneyRecord>> run;

    public JourneyFixture() => run = new Lazy<Task<JourneyRecord>>(() => new CaseworkerJourney(Hub.Origin, Browser).RunAsync());

    public WebHubFixture Hub { get; } = new();

    public Browser Browser { get; } = new();

    /// <summary>The journey, run once: its failures surface in every test that awaits it.</summary>
    public Task<JourneyRecord> Journey => run.Value;

    public async Task InitializeAsync()
    {
        await Hub.InitializeAsync();
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Hub.DisposeAsync();
    }
}
