using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.ServiceDirectory;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Survivors;

/// <summary>The disclosure log alone, laid out for printing and handing to the survivor.</summary>
[Requires(PersonCapability.ReadCases, PersonCapability.ReadDisclosureLog)]
public sealed class DisclosuresModel(HubApi api, HubDirectory directory, TimeProvider clock) : PageModel
{
    public Survivor Survivor { get; private set; } = null!;

    public DisclosureLogView Log { get; private set; } = null!;

    public DateTimeOffset PrintedAt { get; private set; }

    public async System.Threading.Tasks.Task OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Survivor = Survivor.From(await api.ReadRequiredAsync<Patient>($"Patient/{Uri.EscapeDataString(id)}", cancellationToken));
        Log = new DisclosureLogView(await DisclosureLog.ReadAsync(api, Survivor.Id, cancellationToken), await directory.OrganizationsAsync(cancellationToken));
        PrintedAt = clock.GetUtcNow();
    }
}
