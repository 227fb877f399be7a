using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Messaging.Resilience;

namespace ReferralHub.Gateway.Api;

/// <summary>Turns every failure of a FHIR interaction into an OperationOutcome; unexpected ones log only their type.</summary>
public sealed partial class FhirErrorFilter(ILogger<FhirErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (FhirInputException ex)
        {
            return FhirResult.Outcome(ex);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return FhirResult.Outcome(new FhirInputException(413, "The body is larger than the hub accepts."));
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            return FhirResult.Outcome(new FhirInputException(409, "The resource was changed by another request at the same time; read it again and retry."));
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception ex) when (TransientFailure.Is(ex))
        {
            // The database or broker is unreachable: the transaction did not commit, so nothing was accepted.
            LogUnavailable(logger, context.HttpContext.TraceIdentifier, ex.GetType().FullName ?? "unknown");
            return FhirResult.Outcome(new FhirInputException(
                StatusCodes.Status503ServiceUnavailable,
                $"The hub is briefly unavailable; nothing was changed. Try again. Correlation id: {context.HttpContext.TraceIdentifier}.") { IssueCode = "transient" });
        }
        catch (Exception ex)
        {
            LogUnexpected(logger, context.HttpContext.TraceIdentifier, ex.GetType().FullName ?? "unknown");
            return new FhirResult(
                Outcomes.Error("exception", $"The hub could not process the request; nothing was changed. Correlation id: {context.HttpContext.TraceIdentifier}."),
                StatusCodes.Status500InternalServerError);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "FHIR request {TraceId} answered 503: the database or broker is unavailable ({ExceptionType})")]
    private static partial void LogUnavailable(ILogger logger, string traceId, string exceptionType);

    // The exception message is not logged: it may quote request content.
    [LoggerMessage(Level = LogLevel.Error, Message = "FHIR request {TraceId} failed with {ExceptionType}")]
    private static partial void LogUnexpected(ILogger logger, string traceId, string exceptionType);
}
