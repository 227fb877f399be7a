using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace ReferralHub.Gateway.Fhir;

/// <summary>OperationOutcomes the Gateway answers with. Their text never repeats personal data from the request.</summary>
public static class Outcomes
{
    public static OperationOutcome Error(string code, string message, IEnumerable<string>? details = null, IEnumerable<OperationOutcome.IssueComponent>? issues = null)
    {
        var outcome = new OperationOutcome { Id = Guid.NewGuid().ToString("N") };
        outcome.Issue.Add(new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = EnumUtility.ParseLiteral<OperationOutcome.IssueType>(code) ?? OperationOutcome.IssueType.Processing,
            Diagnostics = message,
        });
        foreach (var detail in details ?? [])
        {
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = OperationOutcome.IssueType.Invalid,
                Diagnostics = detail,
            });
        }

        outcome.Issue.AddRange(issues ?? []);
        return outcome;
    }

    /// <summary>A warning that accompanies a successful answer (e.g. a searchset entry with <c>search.mode = outcome</c>).</summary>
    public static OperationOutcome Warning(string code, string message)
    {
        var outcome = new OperationOutcome { Id = Guid.NewGuid().ToString("N") };
        outcome.Issue.Add(new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Warning,
            Code = EnumUtility.ParseLiteral<OperationOutcome.IssueType>(code) ?? OperationOutcome.IssueType.Informational,
            Diagnostics = message,
        });
        return outcome;
    }

    public static OperationOutcome Information(string message)
    {
        var outcome = new OperationOutcome { Id = Guid.NewGuid().ToString("N") };
        outcome.Issue.Add(new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Information,
            Code = OperationOutcome.IssueType.Informational,
            Diagnostics = message,
        });
        return outcome;
    }
}
