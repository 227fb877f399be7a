using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReferralHub.Gateway.Api;
using ReferralHub.Gateway.Fhir;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.Gateway.Statistics;

/// <summary>
/// <c>GET /stats/referrals[?by=…][&amp;scope=organization|hub][&amp;format=json|csv]</c>: de-identified counts of
/// referrals (docs/statistics.md). An organisation counts the referrals it sent or received (it needs to be allowed to
/// search Tasks); <c>scope=hub</c> counts every referral and is for the hub's operators. Errors are OperationOutcomes.
/// </summary>
public static partial class StatisticsEndpoints
{
    public const string Path = "/stats";

    public static void MapStatistics(this WebApplication app)
    {
        var group = app.MapGroup(Path).AddEndpointFilter<FhirErrorFilter>().AddEndpointFilter<FhirAuthenticationFilter>();
        group.MapGet("/referrals", ReferralsAsync);
    }

    private static async Task<IResult> ReferralsAsync(
        HttpContext context, ReferralFacts facts, IOptions<StatisticsOptions> options, ILoggerFactory loggers)
    {
        var caller = (FhirCaller)context.Items[typeof(FhirCaller)]!;
        var query = StatisticsQuery.Parse(context.Request);
        if (query.WholeHub && !caller.User.HasRole(HubRoles.Operator))
        {
            throw new FhirInputException(403, OperatorOnlyFilter.Refusal);
        }

        if (!query.WholeHub)
        {
            caller.Require("Task", 's');
        }

        var counted = await facts.ReadAsync(query.WholeHub ? null : caller.OrganizationId, context.RequestAborted);
        var report = StatisticsReport.Of(query.WholeHub ? "hub" : "organization", counted, query.By, options.Value.Threshold);
        LogReport(loggers.CreateLogger(typeof(StatisticsEndpoints)), caller.OrganizationId, report.Scope, string.Join(',', report.Table.Dimensions), counted.Count);
        return query.Csv
            ? Results.Text(report.ToCsv(), StatisticsQuery.CsvMediaType, Encoding.UTF8)
            : Results.Text(report.ToJson(), "application/json", Encoding.UTF8);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Statistics for {OrganizationId}: scope {Scope}, by {Dimensions}, {Referrals} referrals counted")]
    private static partial void LogReport(ILogger logger, string organizationId, string scope, string dimensions, int referrals);
}
