using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Fhir;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.Gateway.Erasure;

/// <summary>
/// <c>POST /fhir/Patient/{id}/$erase</c> with a <c>reason</c> (a code of the erasure-reason CodeSystem): the survivor's
/// custodian erases her (<see cref="SurvivorEraser"/>). 200 with an OperationOutcome saying what was done; the same
/// again for a survivor already erased; 404 for anyone else's survivor, as for one that does not exist.
/// </summary>
public static class ErasureEndpoints
{
    public const string OperationName = "erase";

    public const string OperationDefinition = "http://referralhub.org/fhir/OperationDefinition/Patient-erase";

    public static IServiceCollection AddSurvivorErasure(this IServiceCollection services) => services.AddScoped<SurvivorEraser>();

    /// <summary>Maps the operation on the authenticated FHIR group (errors become OperationOutcomes there).</summary>
    public static IEndpointRouteBuilder MapSurvivorErasure(this IEndpointRouteBuilder fhir)
    {
        fhir.MapPost($"/Patient/{{id}}/${OperationName}", EraseAsync);
        return fhir;
    }

    private static async Task<IResult> EraseAsync(string id, HttpContext context, FhirBody body, SurvivorEraser eraser)
    {
        var caller = (FhirCaller)context.Items[typeof(FhirCaller)]!;
        caller.Require("Patient", 'd', PersonCapability.EraseSurvivors);
        var reason = ReasonOf(await body.ReadAsync<Parameters>(context.Request));
        var result = await eraser.EraseAsync(caller.OrganizationId, ChannelOperator.Of(caller.User).Subject, id, reason, context.RequestAborted);
        return new FhirResult(Outcomes.Information(Describe(result)));
    }

    /// <summary>The one parameter, <c>reason</c>: a code (valueCode), or a Coding of the erasure-reason CodeSystem.</summary>
    private static string ReasonOf(Parameters parameters)
    {
        var reasons = HubVocabulary.ErasureReasons;
        var code = parameters.Parameter.Select(p => (p.Name, p.Value)).ToList() switch
        {
            [("reason", Code { Value: var value })] => value,
            [("reason", Coding coding)] when coding.System is null || coding.System == reasons.Url => coding.Code,
            _ => throw new FhirInputException(400, "$erase takes one parameter, reason: a code of " + reasons.Url + "."),
        };
        return SurvivorEraser.IsReason(code)
            ? code!
            : throw FhirInputException.Unprocessable(
                $"'{code}' is not an erasure reason: use one of {string.Join(", ", reasons.Concepts.Select(c => c.Code))} ({reasons.Url}).");
    }

    private static string Describe(ErasureResult result)
    {
        var erasure = result.Erasure;
        var when = erasure.ErasedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return result.Counts is { } counts
            ? $"Patient/{erasure.PatientId} was erased at {when} ({erasure.Reason}): {counts.Resources} resources and {counts.Versions} earlier versions deleted, "
                + $"{counts.Copies} disclosed copies stopped, {counts.EndedReferrals} open referrals cancelled, her data key destroyed. "
                + $"Every organisation that received her data is sent a survivor-erased notice until it acknowledges (AuditEvent/{erasure.AuditEventId})."
            : $"Patient/{erasure.PatientId} had already been erased at {when} ({erasure.Reason}; AuditEvent/{erasure.AuditEventId}).";
    }
}
