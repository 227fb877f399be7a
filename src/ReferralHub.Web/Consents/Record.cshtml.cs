using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.ServiceDirectory;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Layout;
using ReferralHub.Web.Localization;
using ReferralHub.Web.Security;
using ReferralHub.Web.Survivors;

namespace ReferralHub.Web.Consents;

/// <summary>Records a survivor's consent for one recipient and purpose, each data class explained in plain words.</summary>
[Requires(PersonCapability.ReadCases, PersonCapability.RecordCases)]
public sealed class RecordModel(HubApi api, HubDirectory directory, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public ConsentForm Form { get; set; } = new() { Purpose = ReferralHub.Contracts.Vocabulary.Purpose.ReintegrationAssistance };

    public Survivor Survivor { get; private set; } = null!;

    /// <summary>Organisations of the directory the survivor's data could go to (not my own), by name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Recipients { get; private set; } = [];

    public async System.Threading.Tasks.Task OnGetAsync(string id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var (field, messageKey) in Form.Validate([.. Recipients.Select(r => r.Key)], DateOnly.FromDateTime(now.UtcDateTime)))
        {
            ModelState.AddModelError($"{nameof(Form)}.{field}", text[messageKey]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await api.CreateAsync(Form.ToConsent(Survivor.Id, User.OrganizationId(), now), cancellationToken);
        TempData.Show("Consent.Saved");
        return Redirect($"/app/survivors/{Survivor.Id}");
    }

    private async System.Threading.Tasks.Task LoadAsync(string id, CancellationToken cancellationToken)
    {
        Survivor = Survivor.From(await api.ReadRequiredAsync<Patient>($"Patient/{Uri.EscapeDataString(id)}", cancellationToken));
        var own = User.OrganizationId();
        Recipients = [.. (await directory.OrganizationsAsync(cancellationToken)).Where(o => o.Key != own).OrderBy(o => o.Value, StringComparer.CurrentCulture)];
    }
}
