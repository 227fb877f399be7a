using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ReferralHub.ServiceDefaults.Hosting;

/// <summary>
/// Outside Development every process must name the host names it answers to in <c>AllowedHosts</c> (ASP.NET Core's
/// host filtering then answers any other Host header 400). The absolute URLs the hub answers with — the FHIR API's
/// <c>fullUrl</c>s, <c>Location</c>s and paging links, the discovery documents — are built from the Host header, so
/// a wildcard would let a request (or a poisoned cache in front of the hub) make them point anywhere.
/// </summary>
public static class PublicHosts
{
    public const string ConfigurationKey = "AllowedHosts";

    public static void RequireOutsideDevelopment(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsDevelopment())
        {
            return;
        }

        var hosts = (configuration[ConfigurationKey] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (hosts.Length == 0 || hosts.Contains("*"))
        {
            throw new InvalidOperationException(
                $"{ConfigurationKey} must list the host names this process answers to (e.g. hub.example.org) outside Development, not '*': "
                + "the addresses the hub answers with are built from the request's Host header.");
        }
    }
}
