using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.IdentityModel.JsonWebTokens;
using ReferralHub.Identity.People;
using ReferralHub.Identity.Tokens;

namespace ReferralHub.Identity.RateLimits;

/// <summary>The two kinds of endpoint the rate limits guard.</summary>
internal enum LimitedEndpoint
{
    /// <summary><c>/connect/token</c>, <c>/connect/revoke</c>, <c>/connect/introspect</c>: they check a client's secret or assertion.</summary>
    Client,

    /// <summary>The sign-in form: it checks a person's password.</summary>
    SignIn,
}

/// <summary>
/// A request the rate limits count, with whom it names (the client id, or the account name as typed, normalised as
/// the sign-in compares it) and where it comes from. The address is the connection's: an X-Forwarded-For header is
/// believed only when ASP.NET Core's forwarded headers are configured, which rewrites the connection's address first.
/// An IPv6 address counts as its /64 network, which one party usually holds whole.
/// </summary>
internal sealed record LimitedRequest(LimitedEndpoint Endpoint, string Subject, string Address)
{
    /// <summary>Longer names exist nowhere; cutting them keeps one attacker from filling memory with partitions.</summary>
    private const int LongestSubject = 256;

    private static readonly JsonWebTokenHandler Assertions = new();

    public static LimitedEndpoint? EndpointOf(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return null;
        }

        var path = request.Path;
        if (path.Equals(TokenEndpoint.Path, StringComparison.OrdinalIgnoreCase)
            || path.Equals(TokenStatusEndpoints.RevokePath, StringComparison.OrdinalIgnoreCase)
            || path.Equals(TokenStatusEndpoints.IntrospectPath, StringComparison.OrdinalIgnoreCase))
        {
            return LimitedEndpoint.Client;
        }

        return path.Equals(IdentitySession.LoginPath, StringComparison.OrdinalIgnoreCase) ? LimitedEndpoint.SignIn : null;
    }

    /// <summary>The request as the limits see it; its form must have been read already (the partitioner cannot wait).</summary>
    public static LimitedRequest? Of(HttpContext context)
    {
        if (EndpointOf(context.Request) is not { } endpoint)
        {
            return null;
        }

        var form = FormOf(context);
        var subject = endpoint == LimitedEndpoint.Client
            ? ClientOf(context.Request, form)
            : form["userName"].ToString().Trim().ToLowerInvariant();
        return new LimitedRequest(endpoint, subject.Length > LongestSubject ? subject[..LongestSubject] : subject, AddressOf(context.Connection.RemoteIpAddress));
    }

    /// <summary>The form as the pipeline already read it; empty when there was none or it could not be read.</summary>
    public static IFormCollection FormOf(HttpContext context) => context.Features.Get<IFormFeature>()?.Form ?? FormCollection.Empty;

    /// <summary>The client id from the form, else from HTTP Basic, else the (not yet verified) issuer of its assertion.</summary>
    private static string ClientOf(HttpRequest request, IFormCollection form)
    {
        if (form["client_id"].ToString() is { Length: > 0 } clientId)
        {
            return clientId;
        }

        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && BasicUser(header.Parameter) is { } user)
        {
            return user;
        }

        var assertion = form["client_assertion"].ToString();
        return Assertions.CanReadToken(assertion) ? Assertions.ReadJsonWebToken(assertion).Issuer ?? string.Empty : string.Empty;
    }

    private static string? BasicUser(string? parameter)
    {
        Span<byte> decoded = stackalloc byte[512];
        if (parameter is null || !Convert.TryFromBase64String(parameter, decoded, out var length))
        {
            return null;
        }

        var credentials = Encoding.UTF8.GetString(decoded[..length]);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? WebUtility.UrlDecode(credentials[..colon]) : null;
    }

    private static string AddressOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var network = address.GetAddressBytes();
        network.AsSpan(8).Clear();
        return new IPAddress(network) + "/64";
    }
}
