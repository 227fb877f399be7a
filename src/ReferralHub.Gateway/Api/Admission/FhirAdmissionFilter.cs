using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Api.Admission;

/// <summary>Runs each FHIR request in its turn (<see cref="FhirAdmission"/>); a request given none is answered 503 and changes nothing.</summary>
public sealed partial class FhirAdmissionFilter(FhirAdmission admission, ILogger<FhirAdmissionFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using var turn = await admission.AdmitAsync(context.HttpContext.RequestAborted);
        if (!turn.IsAcquired)
        {
            LogNotAdmitted(logger, context.HttpContext.TraceIdentifier);
            return new FhirResult(
                Outcomes.Error("throttled", $"The hub is busy; nothing was changed. Try again after the Retry-After interval. Correlation id: {context.HttpContext.TraceIdentifier}."),
                StatusCodes.Status503ServiceUnavailable)
            {
                RetryAfter = admission.RetryAfter,
            };
        }

        return await next(context);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "FHIR request {TraceId} answered 503: the Gateway is at its admission limit")]
    private static partial void LogNotAdmitted(ILogger logger, string traceId);
}
