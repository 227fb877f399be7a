using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReferralHub.Gateway.Consents;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Receipts;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Api;

/// <summary>The FHIR operations of the API (listed in <see cref="FhirCapabilities.Operations"/>).</summary>
public static class FhirOperations
{
    public static void MapFhirOperations(this RouteGroupBuilder secured)
    {
        secured.MapPost("/$process-message", ProcessMessageAsync);
        secured.MapPost("/Consent/$evaluate", EvaluateConsentAsync);
        secured.MapConsentReceipt();
    }

    /// <summary>A recipient's response to one of the hub's messages (a recall's acknowledgement).</summary>
    private static async Task<IResult> ProcessMessageAsync(HttpContext context, FhirBody body, GatewayDbContext db, Mailbox mailbox)
    {
        var caller = (FhirCaller)context.Items[typeof(FhirCaller)]!;
        caller.Require("Bundle", 'c');
        var bundle = await body.ReadAsync<Bundle>(context.Request);
        await mailbox.AcknowledgeAsync(caller.OrganizationId, bundle, context.RequestAborted);
        await db.SaveChangesAsync(context.RequestAborted);
        return new FhirResult(Outcomes.Information("The response was recorded."));
    }

    private static async Task<IResult> EvaluateConsentAsync(HttpContext context, FhirBody body, ConsentEvaluation evaluation)
    {
        var caller = (FhirCaller)context.Items[typeof(FhirCaller)]!;
        var input = await body.ReadAsync(context.Request);
        return new FhirResult(await evaluation.EvaluateAsync(caller, input, context.RequestAborted));
    }
}
