using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Validation.AspNetCore;

namespace ReferralHub.ServiceDefaults.Authentication;

public static class HubAuthentication
{
    /// <summary>
    /// Every service validates access tokens locally. With the Identity service in the same process and no
    /// <c>ReferralHub:Identity:Authority</c>, it reads the server's keys directly; otherwise it fetches the
    /// authority's discovery document and signing keys over HTTP. Call after every service registered its own.
    /// </summary>
    public static IHostApplicationBuilder AddHubAuthentication(this IHostApplicationBuilder builder)
    {
        var authority = IdentityAuthority.Configured(builder.Configuration);
        if (authority is null && !IdentityAuthority.IsHostedIn(builder.Services))
        {
            throw new InvalidOperationException(
                $"{IdentityAuthority.ConfigurationKey} must name the Identity service's base URL when it is not hosted in this process.");
        }

        // Signing keys fetched over plain HTTP could be swapped in transit: refuse unless HTTPS was explicitly waived.
        if (authority?.Scheme == Uri.UriSchemeHttp && IdentityAuthority.RequireHttps(builder.Configuration, builder.Environment))
        {
            throw new InvalidOperationException(
                $"{IdentityAuthority.ConfigurationKey} must be an https URL, or set {IdentityAuthority.RequireHttpsKey}=false for a trusted network.");
        }

        builder.Services.AddOpenIddict().AddValidation(options =>
        {
            if (authority is null)
            {
                options.UseLocalServer();
            }
            else
            {
                options.SetIssuer(authority);
                options.UseSystemNetHttp();
            }

            options.AddAudiences(HubClaims.Audience);
            options.UseAspNetCore();
        });

        // The default scheme makes every [Authorize]/RequireAuthorization endpoint answer 401 with WWW-Authenticate: Bearer.
        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAuthorization();
        return builder;
    }
}
