using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;

namespace ReferralHub.ServiceDefaults.Authentication;

public static class HubAuthentication
{
    /// <summary>
    /// Every service validates access tokens locally. With the Identity service in the same process and no
    /// <c>ReferralHub:Identity:Authority</c>, it reads the server's keys directly; otherwise it fetches the
    /// authority's discovery document and signing keys over HTTP.
    /// </summary>
    public static IHostApplicationBuilder AddHubAuthentication(this IHostApplicationBuilder builder)
    {
        var authority = builder.Configuration["ReferralHub:Identity:Authority"];
        var identityInProcess = builder.Services.Any(d => d.ServiceType == typeof(IOpenIddictServerDispatcher));
        builder.Services.AddOpenIddict().AddValidation(options =>
        {
            if (string.IsNullOrEmpty(authority))
            {
                if (!identityInProcess)
                {
                    throw new InvalidOperationException(
                        "ReferralHub:Identity:Authority must name the Identity service's base URL when it is not hosted in this process.");
                }

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
        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAuthorization();
        return builder;
    }
}
