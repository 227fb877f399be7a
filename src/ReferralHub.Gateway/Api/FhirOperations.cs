using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReferralHub.Gateway.Consents;
using ReferralHub.Gateway.Erasure;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Receipts;
using ReferralHub.Gateway.Signing;

namespace ReferralHub.Gateway.Api;

/// <summary>The FHIR operations of the API (listed in <see cref="FhirCapabilities.Operations"/>).</summary>
public static class FhirOperations
{
    public static void MapFhirOperations(this RouteGroupBuilder secured)
    {
        secured.MapPost("/$process-message", ProcessMessageAsync);
        secured.MapPost("/Consent/$evaluate", EvaluateConsentAsync);
        secured.MapConsentReceipt();
        secured.MapSurvivorErasure();
    }

    /// <summary>
    /// An organisation's message: a response to one of the hub's messages (recorded), or a status change (applied and
    /// answered with the hub's response message, signed like every message the hub sends). A signature beside it
    /// (<c>X-ReferralHub-JWS</c>) must verify with one of the organisation's registered keys, or nothing happens.
    /// </summary>
    private static async Task<IResult> ProcessMessageAsync(
        HttpContext context, FhirBody body, InboundMessages inbound, AgencySignatures signatures, MessageSigner signer)
    {
        var caller = (FhirCaller)context.Items[typeof(FhirCaller)]!;
        caller.Require("Bundle", 'c');
        var bytes = await body.ReadBytesAsync(context.Request);
        var bundle = FhirJson.ParseInput(bytes) as Bundle ?? throw new FhirInputException(400, "The body must be a Bundle.");
        if (!InboundMessages.IsResponse(bundle))
        {
            caller.Require("Task", 'u');
        }

        var signature = await signatures.CheckAsync(caller.OrganizationId, bytes, context.Request.Headers[MessageSignature.Header].ToString(), context.RequestAborted);
        return await inbound.ProcessAsync(caller, bundle, signature, context.RequestAborted) is { } response
            ? new FhirResult(signer.Sign(response))
            : new FhirResult(Outcomes.Information("The response was recorded."));
    }

    private static async Task<IResult> EvaluateConsentAsync(HttpContext context, FhirBody body, ConsentEvaluation evaluation)
    {
        var caller = (FhirCaller)context.Items[typeof(FhirCaller)]!;
        var input = await body.ReadAsync(context.Request);
        return new FhirResult(await evaluation.EvaluateAsync(caller, input, context.RequestAborted));
    }
}
