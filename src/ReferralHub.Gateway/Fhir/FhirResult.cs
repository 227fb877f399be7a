using System.Globalization;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace ReferralHub.Gateway.Fhir;

/// <summary>A FHIR response: the resource as FHIR JSON with the headers FHIR's REST API specifies.</summary>
public sealed class FhirResult(Resource resource, int status = StatusCodes.Status200OK) : IResult
{
    public Resource Resource { get; } = resource;

    public int Status { get; } = status;

    public string? Location { get; init; }

    /// <summary>For a 503: when the caller may try again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = FhirMediaType.Json;
        var meta = Resource.Meta;
        if (meta?.VersionId is { } version && Resource is not Bundle && Resource is not OperationOutcome)
        {
            response.Headers.ETag = $"W/\"{version}\"";
        }

        if (meta?.LastUpdated is { } lastUpdated && Resource is not OperationOutcome)
        {
            response.Headers.LastModified = lastUpdated.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
        }

        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var body = Encoding.UTF8.GetBytes(FhirJson.Serialize(Resource));
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    public static FhirResult Outcome(FhirInputException error) =>
        new(Outcomes.Error(error.IssueCode, error.Message, error.Details, error.Issues), error.Status)
        {
            RetryAfter = error.Status == StatusCodes.Status503ServiceUnavailable ? ServiceDefaults.Hosting.OutageAnswers.RetryAfter : null,
        };
}

public static class FhirMediaType
{
    public const string Json = "application/fhir+json; charset=utf-8";

    public static bool IsAcceptedBody(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/fhir+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/json+fhir", StringComparison.OrdinalIgnoreCase);
    }
}
