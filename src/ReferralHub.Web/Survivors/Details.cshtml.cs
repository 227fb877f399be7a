using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.Consents;
using ReferralHub.Web.ServiceDirectory;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Referrals;
using ReferralHub.Web.Security;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Web.Survivors;

/// <summary>One survivor: her facts, consents, referrals and the disclosure log (who received what, when).</summary>
[Requires(PersonCapability.ReadCases)]
public sealed class DetailsModel(HubApi api, HubDirectory directory, ReferralSearches referrals) : PageModel
{
    public Survivor Survivor { get; private set; } = null!;

    public IReadOnlyList<ConsentSummary> Consents { get; private set; } = [];

    public IReadOnlyList<Referral> Referrals { get; private set; } = [];

    public IReadOnlyList<DisclosureEntry> Disclosures { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Organizations { get; private set; } = new Dictionary<string, string>();

    public async System.Threading.Tasks.Task OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Survivor = Survivor.From(await api.ReadRequiredAsync<Patient>($"Patient/{Uri.EscapeDataString(id)}", cancellationToken));
        var consents = await api.SearchAsync("Consent", [new("patient", $"Patient/{Survivor.Id}")], ReferralSearches.Largest, cancellationToken);
        Consents = [.. consents.Entry.Select(e => e.Resource).OfType<FhirConsent>().Select(ConsentSummary.From).OrderByDescending(c => c.Recorded)];
        Referrals = await referrals.OfSurvivorAsync(User.OrganizationId(), Survivor.Id, cancellationToken);
        Disclosures = User.May(PersonCapability.ReadDisclosureLog) ? await DisclosureLog.ReadAsync(api, Survivor.Id, cancellationToken) : [];
        Organizations = await directory.OrganizationsAsync(cancellationToken);
    }
}
