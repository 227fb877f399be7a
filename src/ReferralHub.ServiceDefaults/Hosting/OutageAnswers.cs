using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReferralHub.Messaging.Resilience;

namespace ReferralHub.ServiceDefaults.Hosting;

/// <summary>
/// A request that fails because the database or broker is down is answered 503 with <c>Retry-After</c>, never 500:
/// the caller did nothing wrong and should try again. OAuth endpoints (<c>/connect/…</c>) answer RFC 6749's
/// <c>temporarily_unavailable</c>; everything else a problem document. Endpoints that answer outages in their own
/// format (the FHIR API's OperationOutcome) do so before this sees the failure.
/// </summary>
public sealed partial class OutageAnswers(RequestDelegate next, ILogger<OutageAnswers> logger)
{
    /// <summary>What a 503 asks callers to wait: about as long as a broker or database restart takes.</summary>
    public static TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(5);

    private const string Detail = "The hub is briefly unavailable; nothing was changed. Try again.";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (TransientFailure.Is(ex) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogUnavailable(logger, context.TraceIdentifier, ex.GetType().FullName ?? "unknown");
            context.Response.Clear();
            context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            var answer = context.Request.Path.StartsWithSegments("/connect")
                ? Results.Json(new OAuthError("temporarily_unavailable", Detail), statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable", detail: $"{Detail} Correlation id: {context.TraceIdentifier}.");
            await answer.ExecuteAsync(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {TraceId} answered 503: the database or broker is unavailable ({ExceptionType})")]
    private static partial void LogUnavailable(ILogger logger, string traceId, string exceptionType);
}

public static class OutageAnswersExtensions
{
    public static IApplicationBuilder UseOutageAnswers(this IApplicationBuilder app) => app.UseMiddleware<OutageAnswers>();
}
