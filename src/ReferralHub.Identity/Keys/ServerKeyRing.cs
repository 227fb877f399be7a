using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ReferralHub.Identity.Keys;

/// <summary>
/// The token server's persisted RSA keys: one signs access tokens (and is published in the JWKS), the other encrypts
/// the tokens OpenIddict keeps to itself. They are loaded at start-up, before the server first reads its options.
/// </summary>
internal sealed class ServerKeyRing
{
    public const string SigningKeyName = "signing";

    private RsaSecurityKey? signing;
    private RsaSecurityKey? encryption;

    public RsaSecurityKey Signing => signing ?? throw NotLoaded();

    public RsaSecurityKey Encryption => encryption ?? throw NotLoaded();

    public async Task LoadAsync(IServerKeyStore store, CancellationToken cancellationToken)
    {
        signing = Import(await store.GetOrCreateAsync(SigningKeyName, CreatePem, cancellationToken));
        encryption = Import(await store.GetOrCreateAsync("encryption", CreatePem, cancellationToken));
    }

    private static string CreatePem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    private static RsaSecurityKey Import(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa);
    }

    private static InvalidOperationException NotLoaded() =>
        new("The Identity server keys are not loaded yet: they are read by the start-up initializers, before the first request.");
}
