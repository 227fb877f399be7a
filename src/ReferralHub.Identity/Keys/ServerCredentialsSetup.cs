using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace ReferralHub.Identity.Keys;

/// <summary>
/// Hands the persisted keys to OpenIddict whenever its options are built: at first use, and again after each change of
/// the rotation plan. The signing key goes first, since OpenIddict signs with the first credential it holds (and orders
/// RSA keys without certificates as equal); the others are published in the JWKS and verify what they signed.
/// </summary>
internal sealed class ServerCredentialsSetup(ServerKeyRing ring) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        options.SigningCredentials.Add(new SigningCredentials(ring.Signing, SecurityAlgorithms.RsaSha256));
        foreach (var key in ring.Verifying)
        {
            options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        }

        options.EncryptionCredentials.Add(new EncryptingCredentials(ring.Encryption, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }
}
