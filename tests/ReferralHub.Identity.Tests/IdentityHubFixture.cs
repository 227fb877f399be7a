namespace ReferralHub.Identity.Tests;

/// <summary>One Identity hub (demo clients, ephemeral keys, the test endpoints) shared by the tests that talk to it.</summary>
public sealed class IdentityHubFixture : IAsyncLifetime
{
    private TestHub? hub;

    internal TestHub Hub => hub ?? throw new InvalidOperationException("The hub has not started.");

    public HttpClient Client => Hub.Client;

    public Uri TokenEndpoint => new(Hub.BaseAddress, TokenClient.Path);

    public async Task InitializeAsync() => hub = await TestHub.StartAsync([new IdentityService()], map: TestEndpoints.Map);

    public async Task DisposeAsync()
    {
        if (hub is not null)
        {
            await hub.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityHubCollection : ICollectionFixture<IdentityHubFixture>
{
    public const string Name = "Identity hub";
}
