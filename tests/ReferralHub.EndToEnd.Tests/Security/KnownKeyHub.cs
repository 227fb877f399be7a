using System.Security.Cryptography;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.Security;

/// <summary>
/// The embedded hub (as <see cref="HubServerFixture"/>) signing with a key the test made, so the tests can sign tokens
/// the hub would have signed and show that every other claim is still checked. The key file lives outside the data
/// folder, as <c>ReferralHub:Identity:SigningKeyPath</c> allows.
/// </summary>
public sealed class KnownKeyHub : IAsyncLifetime
{
    private readonly string keyFolder = Directory.CreateTempSubdirectory("referralhub-e2e-key-").FullName;

    public KnownKeyHub()
    {
        var path = Path.Combine(keyFolder, "signing-key.pem");
        File.WriteAllText(path, SigningKey.ExportPkcs8PrivateKeyPem());
        Hub = new HubServerFixture(["--ReferralHub:Identity:EphemeralKeys", "false", "--ReferralHub:Identity:SigningKeyPath", path]);
    }

    public RSA SigningKey { get; } = RSA.Create(2048);

    public HubServerFixture Hub { get; }

    public Task InitializeAsync() => Hub.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        SigningKey.Dispose();
        Directory.Delete(keyFolder, recursive: true);
    }
}
