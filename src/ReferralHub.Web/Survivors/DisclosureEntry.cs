using Hl7.Fhir.Model;
using ReferralHub.Web.Fhir;

namespace ReferralHub.Web.Survivors;

/// <summary>
/// One line of a survivor's disclosure log (an AuditEvent): a disclosure of these data classes to an organisation,
/// or a recall of them after withdrawal, sent or acknowledged.
/// </summary>
public sealed record DisclosureEntry(DateTimeOffset? Recorded, DisclosureKind Kind, string? RecipientId, IReadOnlyList<string> DataClasses)
{
    private const string DestinationRole = "110152";
    private const string DataClassDetail = "data-class";

    public static DisclosureEntry From(AuditEvent audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var recipient = audit.Agent.FirstOrDefault(a => a.Type?.Coding.Any(c => c.Code == DestinationRole) == true)?.Who;
        var isDisclosure = audit.Subtype.Any(c => c.Code == "disclose");
        var kind = isDisclosure
            ? DisclosureKind.Disclosed
            : audit.Outcome == AuditEvent.AuditEventOutcome.N0 ? DisclosureKind.RecallAcknowledged : DisclosureKind.RecallSent;
        return new DisclosureEntry(
            audit.Recorded,
            kind,
            FhirCodes.IdOf(recipient, "Organization"),
            [.. audit.Entity.SelectMany(e => e.Detail).Where(d => d.Type == DataClassDetail).Select(d => (d.Value as FhirString)?.Value).OfType<string>().Distinct(StringComparer.Ordinal)]);
    }
}

public enum DisclosureKind
{
    Disclosed,
    RecallSent,
    RecallAcknowledged,
}
