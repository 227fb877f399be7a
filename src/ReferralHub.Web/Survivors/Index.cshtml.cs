using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Survivors;

/// <summary>The survivors my organisation registered (not the copies other organisations disclosed to it).</summary>
[Requires(PersonCapability.ReadCases)]
public sealed class IndexModel(HubApi api) : PageModel
{
    private const int Largest = 200;

    public IReadOnlyList<Survivor> Survivors { get; private set; } = [];

    public async System.Threading.Tasks.Task OnGetAsync(CancellationToken cancellationToken)
    {
        var received = await api.SearchAsync("Task", [new("owner", $"Organization/{User.OrganizationId()}")], Largest, cancellationToken);
        var disclosedToUs = received.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Task>()
            .Select(t => FhirCodes.IdOf(t.For, "Patient")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var patients = await api.SearchAsync("Patient", [], Largest, cancellationToken);
        Survivors = [.. patients.Entry.Select(e => e.Resource).OfType<Patient>()
            .Where(p => p.Id is not null && !disclosedToUs.Contains(p.Id))
            .Select(Survivor.From)
            .OrderByDescending(s => s.LastUpdated)];
    }
}
