using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.Gateway.Communications;

public static class CommunicationRegistration
{
    /// <summary>Communications between the two sides of a referral: sending, reading, searching.</summary>
    public static IServiceCollection AddCommunications(this IServiceCollection services)
    {
        services.AddScoped<CommunicationViews>();
        services.AddScoped<CommunicationSending>();
        services.AddScoped<CommunicationSearch>();
        return services;
    }
}
