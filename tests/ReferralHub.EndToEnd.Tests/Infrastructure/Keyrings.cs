using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>The hub's keyring outside a hub, as a service loads it: on a key-encryption key file, created when absent.</summary>
public static class Keyrings
{
    public static async Task<HubKeyring> LoadAsync(string keyEncryptionKeyPath)
    {
        var keyring = new HubKeyring(
            Options.Create(new PrivacyOptions { KeyEncryptionKeyPath = keyEncryptionKeyPath }),
            new HostingEnvironment { EnvironmentName = "Development" },
            NullLogger<HubKeyring>.Instance);
        await keyring.InitializeAsync(CancellationToken.None);
        return keyring;
    }
}
