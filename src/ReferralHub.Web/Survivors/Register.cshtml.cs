using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Layout;
using ReferralHub.Web.Localization;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Survivors;

/// <summary>Registers a survivor (a Patient of my organisation); the names travel in the POST body, never in a URL.</summary>
[Requires(PersonCapability.RecordCases)]
public sealed class RegisterModel(HubApi api, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public Registration Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        foreach (var (field, messageKey) in Form.Validate(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
        {
            ModelState.AddModelError($"{nameof(Form)}.{field}", text[messageKey]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var created = await api.CreateAsync<Patient>(Form.ToPatient(), cancellationToken);
        TempData.Show("Register.Saved");
        return Redirect($"/app/survivors/{created.Id}");
    }
}
