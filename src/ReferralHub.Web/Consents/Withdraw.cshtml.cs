using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.ServiceDirectory;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Layout;
using ReferralHub.Web.Survivors;
using ReferralHub.Web.Security;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Web.Consents;

/// <summary>
/// Withdraws a consent after a confirmation step: the custodian sets it <c>inactive</c>, and the hub stops serving
/// what was disclosed under it, cancels open referrals and recalls the data from every recipient.
/// </summary>
[Requires(PersonCapability.ReadCases, PersonCapability.WithdrawConsent)]
public sealed class WithdrawModel(HubApi api, HubDirectory directory) : PageModel
{
    public ConsentSummary Consent { get; private set; } = null!;

    public Survivor Survivor { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Organizations { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var consent = await LoadAsync(id, cancellationToken);
        return consent.Status == FhirConsent.ConsentState.Active ? Page() : Redirect($"/app/survivors/{Survivor.Id}");
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        var consent = await LoadAsync(id, cancellationToken);
        if (consent.Status == FhirConsent.ConsentState.Active)
        {
            consent.Status = FhirConsent.ConsentState.Inactive;
            await api.UpdateAsync(consent, cancellationToken);
            TempData.Show("Withdraw.Done");
        }

        return Redirect($"/app/survivors/{Survivor.Id}");
    }

    private async Task<FhirConsent> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var consent = await api.ReadRequiredAsync<FhirConsent>($"Consent/{Uri.EscapeDataString(id)}", cancellationToken);
        Consent = ConsentSummary.From(consent);
        var patientId = FhirCodes.IdOf(consent.Patient, "Patient") ?? throw new HubApiException(System.Net.HttpStatusCode.NotFound, null);
        Survivor = Survivor.From(await api.ReadRequiredAsync<Patient>($"Patient/{patientId}", cancellationToken));
        Organizations = await directory.OrganizationsAsync(cancellationToken);
        return consent;
    }
}
