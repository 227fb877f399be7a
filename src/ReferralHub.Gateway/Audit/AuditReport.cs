using System.Globalization;
using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Gateway.Audit;

/// <summary>A verification in words: the summary line both <c>$verify-audit</c> and the command-line tool give, and the FHIR answer.</summary>
public static class AuditReport
{
    public static string Summary(AuditVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        if (!verification.Intact)
        {
            return Text($"The audit log does not verify: {verification.Findings.Count} finding(s); the first broken link is listed first.");
        }

        if (verification.Last is not { } last)
        {
            return "The audit log is intact: it has no records yet.";
        }

        var range = Text($"records {verification.FirstSequence}–{last.Sequence} ({verification.RecordsChecked} checked)");
        var anchored = verification.LatestCheckpoint is { Checkpoint: { } checkpoint } latest
            ? Text($"the latest of {verification.ValidCheckpoints} valid checkpoint(s), {latest.FileName} signed at {checkpoint.At}, anchors record {checkpoint.Sequence}; {verification.Unanchored} record(s) since then are not anchored yet")
            : "no checkpoint anchors it yet, so removing its latest records would not be detectable";
        return $"The audit log is intact: {range} match their hashes and links and the chain head; {anchored}.";
    }

    /// <summary>One line per finding: its code, where, and why.</summary>
    public static string Line(AuditFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return $"{finding.Code}: {finding.Detail}";
    }

    /// <summary>
    /// An OperationOutcome: when intact, one information issue (and one more naming a checkpoint just written); else one
    /// error issue per finding, coded from the audit-finding CodeSystem, then the summary.
    /// </summary>
    public static OperationOutcome Outcome(AuditVerification verification, AuditCheckpoint? written)
    {
        ArgumentNullException.ThrowIfNull(verification);
        var outcome = new OperationOutcome { Id = Guid.NewGuid().ToString("N") };
        foreach (var finding in verification.Findings)
        {
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = OperationOutcome.IssueType.Invariant,
                Details = new CodeableConcept(HubVocabulary.AuditFindings.Url, finding.Code, HubVocabulary.AuditFindings.Display(finding.Code)),
                Diagnostics = finding.Detail,
            });
        }

        outcome.Issue.Add(Information(Summary(verification)));
        if (written is not null)
        {
            outcome.Issue.Add(Information(Text($"Checkpoint {written.FileName} of record {written.Sequence} written.")));
        }

        return outcome;
    }

    private static OperationOutcome.IssueComponent Information(string text) => new()
    {
        Severity = OperationOutcome.IssueSeverity.Information,
        Code = OperationOutcome.IssueType.Informational,
        Diagnostics = text,
    };

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
