using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ReferralHub.Gateway.Api;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// The FHIR base that webhook Bundles' <c>fullUrl</c>s name. A webhook has no incoming request to take it from, so it
/// is <see cref="WebhookOptions.PublicFhirBase"/>, or else the address the Gateway listens on.
/// </summary>
public sealed class WebhookFhirBase(IOptionsMonitor<WebhookOptions> options, IServer server)
{
    public string Value
    {
        get
        {
            if (options.CurrentValue.PublicFhirBase is { } configured)
            {
                return configured.AbsoluteUri.TrimEnd('/');
            }

            var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
            var uri = new UriBuilder(listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
            if (uri.Host is "0.0.0.0" or "[::]" or "::")
            {
                uri.Host = "localhost";
            }

            return uri.Uri.AbsoluteUri.TrimEnd('/') + FhirEndpoints.Base;
        }
    }
}
