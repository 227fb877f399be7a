using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReferralHub.Consent.Policy;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Api;
using ReferralHub.Gateway.Api.Admission;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Channels;
using ReferralHub.Gateway.Channels.Amqp;
using ReferralHub.Gateway.Communications;
using ReferralHub.Gateway.Consents;
using ReferralHub.Gateway.Consumers;
using ReferralHub.Gateway.Directory;
using ReferralHub.Gateway.Directory.Hsds;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Erasure;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.FollowUps;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Privacy;
using ReferralHub.Gateway.Receipts;
using ReferralHub.Gateway.Referrals;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Retention;
using ReferralHub.Gateway.Search;
using ReferralHub.Gateway.Signing;
using ReferralHub.Gateway.Statistics;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;
using ReferralHub.Gateway.Validation;
using ReferralHub.Gateway.Webhooks;
using ReferralHub.Messaging.Bus;
using ReferralHub.ServiceDefaults.Authentication.Revocation;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.ServiceDefaults.Privacy;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Gateway;

/// <summary>The edge: the FHIR R4 API, authorisation by organisation, the resource store and the disclosure store.</summary>
public sealed class GatewayService : IHubService
{
    public const string ServiceName = "gateway";

    public string Name => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
        builder.AddHubDbContext<GatewayDbContext>(ServiceName, poolSize: 20);
        builder.AddTokenRevocationList<GatewayDbContext, AccessTokensRevokedConsumer>(ServiceName);
        var services = builder.Services;
        services.AddOptions<FhirOptions>().BindConfiguration("ReferralHub:Fhir");
        services.AddOptions<AdmissionOptions>().BindConfiguration("ReferralHub:Admission");
        services.AddSingleton<FhirAdmission>();
        services.AddSingleton<FhirBody>();
        services.AddSingleton(ProfileValidator.Shared);
        services.AddHostedService<ProfileWarmUp>();
        services.AddHealthChecks().AddCheck<ProfileWarmUpCheck>("gateway-profiles", tags: ["ready"]);
        services.AddHubKeyring(builder.Configuration);
        services.AddScoped<SurvivorKeys>();
        services.AddHubInitializer<SurvivorKeyBackfill>();
        services.AddHubInitializer<RowSurvivorsBackfill>();
        services.AddHubInitializer<SealedColumnsBackfill<GatewayDbContext>>();
        services.AddScoped<SubmittedResources>();
        services.TryAddSingleton<ConsentEvaluator>();
        services.AddScoped<DisclosurePermits>();
        services.AddScoped<DisclosedResources>();
        services.AddScoped<DisclosureWriter>();
        services.AddScoped<DisclosureReviews>();
        services.AddMessageSigning(builder.Configuration);
        services.AddScoped<AgencySignatures>();
        services.AddHubRequestClient<DescribeOrganizationKeys>(AgencySignatures.Timeout);
        services.AddScoped<Mailbox>();
        services.AddScoped<ConsentEvaluation>();
        services.AddAuditLog(builder.Configuration);
        services.AddScoped<TaskViews>();
        services.AddScoped<TaskUpdates>();
        services.AddScoped<ReferenceChecks>();
        services.AddScoped<ReferralSubmission>();
        services.AddScoped<TransactionProcessor>();
        services.AddScoped<ResourceUpdates>();
        services.AddScoped<FhirReads>();
        services.AddScoped<FhirSearches>();
        services.AddScoped<TaskSearch>();
        services.AddScoped<ReferralCoverage>();
        services.AddFollowUps();
        services.AddCommunications();
        services.AddScoped<DirectoryEvents>();
        services.AddScoped<DirectoryWriter>();
        services.AddScoped<DirectorySearch>();
        services.AddScoped<HsdsExchange>();
        services.AddHubInitializer<DirectorySeeder>();
        services.AddHubConsumer<StoreDisclosureConsumer>(ServiceName);
        services.AddHubConsumer<ConsentWithdrawnConsumer>(ServiceName);
        services.AddHubConsumer<EndTaskConsumer>(ServiceName);
        services.AddHubConsumer<ConsentEffectChangedConsumer>(ServiceName);
        services.AddHubConsumer<WithdrawDisclosureConsumer>(ServiceName);
        services.AddHubConsumer<SendRecallConsumer>(ServiceName);
        services.AddHubConsumer<DirectoryResyncRequestedConsumer>(ServiceName);
        services.AddHubRequestClient<EvaluateReferralConsent>(ReferralSubmission.ConsentCheckTimeout);
        services.AddConsentReceipts();
        services.AddSurvivorErasure();
        services.AddRetention();
        services.AddScoped<InboundMessages>();
        services.AddOptions<StatisticsOptions>().BindConfiguration("ReferralHub:Statistics").Validate(o => o.Threshold >= 1, "ReferralHub:Statistics:Threshold must be at least 1.").ValidateOnStart();
        services.AddScoped<ReferralFacts>();
        services.AddPushChannels();
    }

    public void MapEndpoints(WebApplication app)
    {
        app.MapFhirApi();
        app.MapMessageSigningKeys();
        app.MapWebhookApi();
        app.MapAmqpApi();
        app.MapHsdsExchange();
        app.MapAuditApi();
        app.MapStatistics();
    }
}
