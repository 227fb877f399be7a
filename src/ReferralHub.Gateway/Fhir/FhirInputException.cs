using Hl7.Fhir.Model;

namespace ReferralHub.Gateway.Fhir;

/// <summary>A request the Gateway refuses: answered with an OperationOutcome and this status, nothing changed.</summary>
public sealed class FhirInputException(int status, string message, IReadOnlyList<string>? details = null) : Exception(message)
{
    public int Status { get; } = status;

    public IReadOnlyList<string> Details { get; } = details ?? [];

    /// <summary>Issues another component found, answered as they are (e.g. the profile validator's, with their expressions).</summary>
    public IReadOnlyList<OperationOutcome.IssueComponent> Issues { get; init; } = [];

    public string IssueCode { get; init; } = status switch
    {
        400 => "invalid",
        401 => "login",
        403 => "forbidden",
        404 => "not-found",
        405 => "not-supported",
        409 => "conflict",
        410 => "deleted",
        412 => "conflict",
        413 => "too-long",
        415 => "not-supported",
        422 => "business-rule",
        _ => "processing",
    };

    public static FhirInputException NotFound(string type, string id) => new(404, $"{type}/{id} is not known.");

    public static FhirInputException Unprocessable(string message, IReadOnlyList<string>? details = null) => new(422, message, details);
}
