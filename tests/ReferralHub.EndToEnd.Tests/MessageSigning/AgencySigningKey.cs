using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using ReferralHub.Identity.Clients;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.EndToEnd.Tests.MessageSigning;

/// <summary>
/// An agency's own key pair (ES384, as SMART Backend Services asks), registered at the hub's Identity as the key set of
/// a <c>private_key_jwt</c> client of the organisation, and the detached JWS the agency puts beside what it sends.
/// </summary>
public sealed class AgencySigningKey : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    public string KeyId { get; } = $"agency-key-{Guid.NewGuid():N}";

    /// <summary>
    /// Registers the public key as an operator registers a backend client: there is no API for it, so through Identity's
    /// application manager in the hub process.
    /// </summary>
    public async Task RegisterAsync(IServiceProvider hub, string organization)
    {
        var publicKey = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(key.ExportParameters(false))) { KeyId = KeyId });
        var keySet = new JsonWebKeySet();
        keySet.Keys.Add(publicKey);
        await using var scope = hub.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>()
            .CreateAsync(HubClients.WithKeySet($"{organization}-{KeyId}", keySet, organization, SmartScopes.AllFullScopes()));
    }

    /// <summary>RFC 7515 with detached content: ES384 over <c>BASE64URL(header) "." BASE64URL(bytes)</c>, sent as <c>header..signature</c>.</summary>
    public string Sign(byte[] payload)
    {
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"alg":"ES384","kid":"{{KeyId}}"}"""));
        var signature = key.SignData(Encoding.ASCII.GetBytes($"{header}.{Base64Url.EncodeToString(payload)}"), HashAlgorithmName.SHA384);
        return $"{header}..{Base64Url.EncodeToString(signature)}";
    }

    public void Dispose() => key.Dispose();
}
