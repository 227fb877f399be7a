using Hl7.Fhir.Model;
using ReferralHub.Web.Fhir;

namespace ReferralHub.Web.Survivors;

/// <summary>A survivor's disclosure log, from the hub's audit (readable by the custodian only), newest first.</summary>
public static class DisclosureLog
{
    private const int Largest = 200;

    public static async Task<IReadOnlyList<DisclosureEntry>> ReadAsync(HubApi api, string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var audit = await api.SearchAsync("AuditEvent", [new("patient", $"Patient/{patientId}")], Largest, cancellationToken);
        return [.. audit.Entry.Select(e => e.Resource).OfType<AuditEvent>().Select(DisclosureEntry.From).OrderByDescending(d => d.Recorded)];
    }
}
