using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenIddict.Validation.AspNetCore;
using ReferralHub.ServiceDefaults.Authentication.Revocation;

namespace ReferralHub.ServiceDefaults.Authentication;

public static class HubAuthentication
{
    /// <summary>
    /// Every service validates access tokens locally, with no call per request: with the Identity service in the same
    /// process it reads the server's keys and issuer directly; otherwise it fetches the authority's discovery document
    /// and signing keys over HTTP (once, then cached). A token not valid yet, or on the process's revocation list
    /// (<see cref="TokenRevocationList"/>), is refused. Call after every service registered its own.
    /// </summary>
    public static IHostApplicationBuilder AddHubAuthentication(this IHostApplicationBuilder builder)
    {
        var authority = IdentityAuthority.Configured(builder.Configuration);
        var local = IdentityAuthority.IsHostedIn(builder.Services);
        if (authority is null && !local)
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

        builder.Services.TryAddSingleton<RevokedAccessTokens>();
        builder.Services.AddOpenIddict().AddValidation(options =>
        {
            if (local)
            {
                options.UseLocalServer();
            }
            else
            {
                options.SetIssuer(authority!);
                options.UseSystemNetHttp();
            }

            options.AddAudiences(HubClaims.Audience);
            options.AddEventHandler(RejectTokensNotYetValid.Descriptor)
                .AddEventHandler(RejectRevokedAccessTokens.Descriptor);
            options.UseAspNetCore();
        });

        // The default scheme makes every [Authorize]/RequireAuthorization endpoint answer 401 with WWW-Authenticate: Bearer.
        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAuthorization();
        return builder;
    }
}
