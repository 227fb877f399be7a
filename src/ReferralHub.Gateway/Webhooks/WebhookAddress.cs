using System.Net;
using Microsoft.Extensions.Hosting;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// Which webhook addresses the hub accepts: absolute HTTPS URLs without credentials or fragment, whose host is not an
/// internal address (<see cref="WebhookNetworks"/>: an IP literal or a loopback name is judged here; a name is judged
/// again at every connection, against what it resolves to then). Plain HTTP only to a loopback host and only in
/// Development, where tests and local receivers run; survivors' data never crosses a network in clear text.
/// </summary>
public sealed class WebhookAddress(IHostEnvironment environment, WebhookNetworks networks)
{
    public string Check(string? address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw FhirInputException.Unprocessable("Endpoint.address must be an absolute https:// URL.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw FhirInputException.Unprocessable("Endpoint.address may carry neither user information nor a fragment.");
        }

        var loopbackHttp = uri.Scheme == Uri.UriSchemeHttp && environment.IsDevelopment() && IsLoopback(uri);
        if (uri.Scheme != Uri.UriSchemeHttps && !loopbackHttp)
        {
            throw FhirInputException.Unprocessable("Endpoint.address must use https (http is accepted only for a loopback host in Development).");
        }

        var host = uri.DnsSafeHost;
        var literal = IPAddress.TryParse(host, out var ip) ? ip : WebhookNetworks.IsLoopbackName(host) ? IPAddress.Loopback : null;
        if (literal is not null && !networks.Permits(host, literal))
        {
            throw FhirInputException.Unprocessable(
                $"Endpoint.address points at a {WebhookNetworks.Restriction(literal)} address, which webhooks may not reach; "
                + "operators can allow specific networks or hosts with ReferralHub:Webhooks:AllowedPrivateNetworks.");
        }

        return uri.AbsoluteUri;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
}
