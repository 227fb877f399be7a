using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Layout;
using ReferralHub.Web.Localization;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Survivors;

/// <summary>
/// Erases a survivor after a confirmation step (<c>Patient/$erase</c>): the supervisor chooses why, confirms that it
/// cannot be undone, and the hub deletes her record, ends her referrals and tells every organisation that received her
/// data to delete it.
/// </summary>
[Requires(PersonCapability.ReadCases, PersonCapability.EraseSurvivors)]
public sealed class EraseModel(HubApi api, IStringLocalizer<Text> text) : PageModel
{
    /// <summary>The reasons a person gives: all but the one the hub's retention housekeeping gives.</summary>
    public static IReadOnlyList<string> Reasons { get; } = [.. HubVocabulary.ErasureReasons.Concepts.Select(c => c.Code).Where(code => code != ErasureReason.RetentionEnded)];

    public Survivor Survivor { get; private set; } = null!;

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public bool Understood { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        if (!Reasons.Contains(Reason))
        {
            ModelState.AddModelError(nameof(Reason), text["Erase.ReasonRequired"]);
        }

        if (!Understood)
        {
            ModelState.AddModelError(nameof(Understood), text["Erase.UnderstoodRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var parameters = new Parameters { Parameter = [new Parameters.ParameterComponent { Name = "reason", Value = new Code(Reason) }] };
        await api.InvokeAsync($"Patient/{Uri.EscapeDataString(id)}/$erase", parameters, cancellationToken);
        TempData.Show("Erase.Done");
        return Redirect("/app/survivors");
    }

    private async System.Threading.Tasks.Task LoadAsync(string id, CancellationToken cancellationToken) =>
        Survivor = Survivor.From(await api.ReadRequiredAsync<Patient>($"Patient/{Uri.EscapeDataString(id)}", cancellationToken));
}
