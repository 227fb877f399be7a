using Microsoft.AspNetCore.Builder;
using ReferralHub.Messaging.Bus;
using ReferralHub.Messaging.Observability;
using ReferralHub.Routing.Consumers;
using ReferralHub.Routing.Directory;
using ReferralHub.Routing.Erasure;
using ReferralHub.Routing.Observability;
using ReferralHub.Routing.Recalls;
using ReferralHub.Routing.Storage;
using ReferralHub.ServiceDefaults.Authentication.Revocation;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Routing;

/// <summary>The referral's life after submission: disclosure through Consent, delivery, Task lifecycle, withdrawal.</summary>
public sealed class RoutingService : IHubService
{
    public const string ServiceName = "routing";

    public string Name => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
        builder.AddHubDbContext<RoutingDbContext>(ServiceName);
        builder.AddTokenRevocationList<RoutingDbContext, AccessTokensRevokedConsumer>(ServiceName);
        builder.Services.AddOptions<RecallOptions>().BindConfiguration("ReferralHub:Recalls");
        builder.Services.AddScoped<RecallBook>();
        builder.Services.AddScoped<ConsentWithdrawals>();
        builder.Services.AddScoped<SurvivorErasures>();
        builder.Services.AddHostedService<RecallSweeper>();
        builder.Services.AddSampledGauge<UnacknowledgedRecalls>();
        builder.Services.AddHubInitializer<DirectoryResync>();
        builder.Services
            .AddHubConsumer<ReferralSubmittedConsumer>(ServiceName)
            .AddHubConsumer<DisclosureApprovedConsumer>(ServiceName)
            .AddHubConsumer<DisclosureDeniedConsumer>(ServiceName)
            .AddHubConsumer<DisclosureStoredConsumer>(ServiceName)
            .AddHubConsumer<ConsentWithdrawnConsumer>(ServiceName)
            .AddHubConsumer<TaskStatusChangedConsumer>(ServiceName)
            .AddHubConsumer<RecallAcknowledgedConsumer>(ServiceName)
            .AddHubConsumer<DirectoryServiceChangedConsumer>(ServiceName)
            .AddHubConsumer<SurvivorErasedConsumer>(ServiceName);
    }

    public void MapEndpoints(WebApplication app) => app.MapRoutingDirectory();
}
