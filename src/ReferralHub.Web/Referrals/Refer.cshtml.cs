using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.ServiceDirectory;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Layout;
using ReferralHub.Web.Localization;
using ReferralHub.Web.Security;
using ReferralHub.Web.Survivors;

namespace ReferralHub.Web.Referrals;

/// <summary>
/// Finds a service in the directory (by service, country, language: codes only in the URL) and sends the referral.
/// The hub refuses a referral that no consent permits; the page says so and keeps the search.
/// </summary>
[Requires(PersonCapability.ReadCases, PersonCapability.RecordCases)]
public sealed class ReferModel(HubApi api, HubDirectory directory, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Service { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    public Survivor Survivor { get; private set; } = null!;

    public IReadOnlyList<DirectoryService> Results { get; private set; } = [];

    public IReadOnlyList<string> Countries { get; private set; } = [];

    public IReadOnlyList<string> Languages { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Organizations { get; private set; } = new Dictionary<string, string>();

    public string? Refusal { get; private set; }

    public async System.Threading.Tasks.Task OnGetAsync(string id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string id, string? recipient, string? serviceCode, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        if (recipient is null || !Organizations.ContainsKey(recipient) || !HubVocabulary.Services.Contains(serviceCode))
        {
            Refusal = text["Refer.ChooseService"];
            return Page();
        }

        try
        {
            await api.CreateAsync(ReferralRequest.Build(Survivor.Id, User.OrganizationId(), recipient, serviceCode!, clock.GetUtcNow()), cancellationToken);
        }
        catch (HubApiException refused) when (refused.Status == HttpStatusCode.UnprocessableEntity)
        {
            Refusal = text["Refer.NoConsent", Organizations[recipient]];
            return Page();
        }

        TempData.Show("Refer.Sent");
        return Redirect("/app/referrals");
    }

    private async System.Threading.Tasks.Task LoadAsync(string id, CancellationToken cancellationToken)
    {
        Survivor = Survivor.From(await api.ReadRequiredAsync<Patient>($"Patient/{Uri.EscapeDataString(id)}", cancellationToken));
        Organizations = await directory.OrganizationsAsync(cancellationToken);
        var everything = await directory.SearchAsync(null, null, null, cancellationToken);
        Countries = [.. everything.Select(s => s.Country).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Languages = [.. everything.SelectMany(s => s.Languages).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
        Service = HubVocabulary.Services.Contains(Service) ? Service : null;
        Country = Countries.Contains(Country) ? Country : null;
        Language = Languages.Contains(Language) ? Language : null;
        var own = User.OrganizationId();
        Results = [.. (await directory.SearchAsync(Service, Country, Language, cancellationToken)).Where(s => s.OrganizationId != own)];
    }
}
