using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Identity.Keys;

/// <summary>Loads (on the very first start: creates) the server keys, after the schema exists and before any request.</summary>
internal sealed class ServerKeysInitializer(SigningKeyRotation rotation) : IHubInitializer
{
    public int Order => 10;

    public Task InitializeAsync(CancellationToken cancellationToken) => rotation.ApplyAsync(cancellationToken);
}
