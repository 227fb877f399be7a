using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReferralHub.Consent.Consumers;
using ReferralHub.Consent.Erasure;
using ReferralHub.Consent.Disclosures;
using ReferralHub.Consent.Policy;
using ReferralHub.Consent.Receipts;
using ReferralHub.Consent.Redaction;
using ReferralHub.Consent.Schedule;
using ReferralHub.Consent.Storage;
using ReferralHub.Consent.WarmUp;
using ReferralHub.Messaging.Bus;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.ServiceDefaults.Privacy;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Consent;

/// <summary>The policy decision and enforcement point for outbound data: consents, decisions, redacted views.</summary>
public sealed class ConsentService : IHubService
{
    public const string ServiceName = "consent";

    public string Name => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
        builder.AddHubDbContext<ConsentDbContext>(ServiceName);
        builder.Services.AddHubKeyring(builder.Configuration);
        builder.Services.AddHubInitializer<SealedColumnsBackfill<ConsentDbContext>>();
        builder.Services.TryAddSingleton<ConsentEvaluator>();
        builder.Services.AddSingleton<Redactor>();
        builder.Services.AddSingleton<DisclosureDecider>();
        builder.Services.AddScoped<ConsentRegistry>();
        builder.Services.AddHostedService<ConsentClock>();
        builder.Services.AddSingleton<DecisionWarmUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DecisionWarmUp>());
        builder.Services.AddHealthChecks().AddCheck<DecisionWarmUpCheck>("consent-decisions", tags: ["ready"]);
        builder.Services.AddSingleton<ConsentDescriber>();
        builder.Services
            .AddHubConsumer<EvaluateReferralConsentConsumer>(ServiceName)
            .AddHubConsumer<ConsentRecordedConsumer>(ServiceName)
            .AddHubConsumer<DisclosureRequestedConsumer>(ServiceName)
            .AddHubConsumer<DescribeConsentConsumer>(ServiceName)
            .AddHubConsumer<SurvivorErasedConsumer>(ServiceName);
    }

    public void MapEndpoints(WebApplication app)
    {
    }
}
