using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ReferralHub.Identity.Tests;

/// <summary>A backend client's key pair and the signed assertions (SMART Backend Services) it authenticates with.</summary>
internal sealed class ClientAssertionFactory(string clientId, AsymmetricSecurityKey privateKey, JsonWebKey publicKey, string algorithm)
{
    public string ClientId => clientId;

    public static ClientAssertionFactory Rsa(string clientId)
    {
        var rsa = RSA.Create(2048);
        var publicKey = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = clientId + "-key" });
        return new ClientAssertionFactory(clientId, new RsaSecurityKey(rsa) { KeyId = clientId + "-key" }, publicKey, SecurityAlgorithms.RsaSha384);
    }

    public static ClientAssertionFactory EllipticCurve(string clientId)
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var publicKey = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false))) { KeyId = clientId + "-key" });
        return new ClientAssertionFactory(clientId, new ECDsaSecurityKey(ec) { KeyId = clientId + "-key" }, publicKey, SecurityAlgorithms.EcdsaSha384);
    }

    /// <summary>What the hub registers: the public half only.</summary>
    public JsonWebKeySet PublicKeySet()
    {
        var set = new JsonWebKeySet();
        set.Keys.Add(publicKey);
        return set;
    }

    /// <summary>An assertion as SMART prescribes: typ JWT, iss = sub = client id, aud = token URL, short exp, unique jti.</summary>
    public string Create(Uri tokenEndpoint, TimeSpan? lifetime = null, string? jti = null, DateTime? now = null)
    {
        var issuedAt = now ?? DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = clientId };
        if (jti != "")
        {
            claims["jti"] = jti ?? Guid.NewGuid().ToString();
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = tokenEndpoint.AbsoluteUri,
            Claims = claims,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + (lifetime ?? TimeSpan.FromMinutes(4)),
            TokenType = JwtConstants.HeaderType,
            SigningCredentials = new SigningCredentials(privateKey, algorithm),
        });
    }

    public static Dictionary<string, string> TokenForm(string assertion, string? scope = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return form;
    }
}
