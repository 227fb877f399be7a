using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.Web.Fhir;

public static class HubApiRegistration
{
    public static IServiceCollection AddHubApi(this IServiceCollection services, WebOptions options)
    {
        services.AddHttpClient<HubApi>(client =>
        {
            client.BaseAddress = options.ResolvedFhirBase;
            client.Timeout = TimeSpan.FromSeconds(30);
        }).RemoveAllLoggers(); // request lines are ids only, but no log of the web application risks more than that
        services.AddScoped<ServiceDirectory.HubDirectory>();
        services.AddScoped<Referrals.ReferralSearches>();
        services.AddScoped<FollowUps.FollowUpSearches>();
        return services;
    }
}
