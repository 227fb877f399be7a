using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Server;

namespace ReferralHub.ServiceDefaults.Authentication;

/// <summary>Where access tokens come from: <c>ReferralHub:Identity:Authority</c>, or the Identity service in this very process.</summary>
public static class IdentityAuthority
{
    public const string ConfigurationKey = "ReferralHub:Identity:Authority";

    public const string RequireHttpsKey = "ReferralHub:Identity:RequireHttps";

    /// <summary>HTTPS for the token endpoint and the authority's metadata: <c>ReferralHub:Identity:RequireHttps</c>, by default outside Development.</summary>
    public static bool RequireHttps(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(RequireHttpsKey) ?? !environment.IsDevelopment();

    /// <summary>The configured Identity base URL (with a trailing slash, as OpenIddict writes issuers), or null when unset.</summary>
    public static Uri? Configured(IConfiguration configuration)
    {
        var value = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.TrimEnd('/') + "/", UriKind.Absolute, out var authority) || authority.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{ConfigurationKey} must be the Identity service's absolute http(s) base URL.");
        }

        return authority;
    }

    /// <summary>Whether the OpenIddict server (the Identity service) is registered in this process.</summary>
    public static bool IsHostedIn(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(IOpenIddictServerDispatcher));
}
