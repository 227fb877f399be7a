using Firely.Fhir.Validation;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>Validation against base FHIR R4 with Firely.Fhir.Validation.R4: one shared Validator (it caches; the first run is slow).</summary>
public static class FhirValidation
{
    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var resolver = new CachedResolver(new MultiResolver(ZipSource.CreateValidationSource()));
        return new Validator(resolver, new LocalTerminologyService(resolver));
    });

    private static readonly Lock Gate = new();

    public static OperationOutcome Validate(Resource resource)
    {
        lock (Gate)
        {
            return Shared.Value.Validate(resource);
        }
    }

    /// <summary>The issues of severity error or fatal, as readable lines.</summary>
    public static IReadOnlyList<string> Errors(OperationOutcome outcome) =>
        outcome.Issue
            .Where(issue => issue.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(issue => $"{issue.Severity} {issue.Code} at {string.Join(",", issue.Expression)}: {issue.Details?.Text ?? issue.Diagnostics}")
            .ToArray();
}
