using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReferralHub.Gateway.Api;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// <c>GET|POST /fhir/$verify-audit</c> (operators only): the audit log verified against its chain head and signed
/// checkpoints — 200 when intact, 409 with the findings, the first broken link first. <c>POST</c> with the parameter
/// <c>checkpoint=true</c> also anchors an intact log at once.
/// </summary>
public static class AuditApi
{
    public const string VerifyOperation = "verify-audit";
    public const string VerifyDefinition = "http://referralhub.org/fhir/OperationDefinition/verify-audit";

    public static void MapAuditApi(this WebApplication app)
    {
        var fhir = app.MapGroup(FhirEndpoints.Base)
            .AddEndpointFilter<FhirErrorFilter>()
            .AddEndpointFilter<FhirAuthenticationFilter>()
            .AddEndpointFilter<OperatorOnlyFilter>();
        fhir.MapGet($"/${VerifyOperation}", (AuditCheckpoints checkpoints, HttpContext context) => VerifyAsync(checkpoints, checkpoint: false, context));
        fhir.MapPost($"/${VerifyOperation}", async (AuditCheckpoints checkpoints, FhirBody body, HttpContext context) =>
            await VerifyAsync(checkpoints, await CheckpointRequestedAsync(body, context.Request), context));
    }

    private static async Task<IResult> VerifyAsync(AuditCheckpoints checkpoints, bool checkpoint, HttpContext context)
    {
        var verification = await checkpoints.VerifyAsync(AuditVerificationScope.Full, context.RequestAborted);
        var written = checkpoint ? await checkpoints.CheckpointAsync(verification, context.RequestAborted) : null;
        return new FhirResult(AuditReport.Outcome(verification, written), verification.Intact ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
    }

    /// <summary>An empty body, or Parameters with an optional boolean <c>checkpoint</c>.</summary>
    private static async Task<bool> CheckpointRequestedAsync(FhirBody body, HttpRequest request)
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return false;
        }

        var parameters = await body.ReadAsync<Parameters>(request);
        return parameters.Parameter.Select(p => (p.Name, p.Value)).ToList() switch
        {
            [] => false,
            [("checkpoint", FhirBoolean { Value: { } requested })] => requested,
            _ => throw new FhirInputException(400, "$verify-audit takes one optional parameter: checkpoint, a boolean."),
        };
    }
}
