using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace ReferralHub.Identity.Tokens;

/// <summary>
/// The RSA key that signs access tokens. It is kept in a PEM file so tokens stay valid across restarts and the
/// other services' cached signing keys stay right; tests may ask for a throw-away key instead.
/// </summary>
public static class SigningKeys
{
    public static bool Ephemeral(IConfiguration configuration) => configuration.GetValue<bool>("ReferralHub:Identity:EphemeralKeys");

    public static RsaSecurityKey LoadOrCreate(IConfiguration configuration)
    {
        var path = configuration["ReferralHub:Identity:SigningKeyPath"]
            ?? Path.Combine(configuration.GetConnectionString("ReferralHub") is { } data && !data.Contains('=', StringComparison.Ordinal) ? data : "./data", "identity-signing-key.pem");
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 2048;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, rsa.ExportRSAPrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return new RsaSecurityKey(rsa) { KeyId = Convert.ToHexStringLower(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16] };
    }
}
