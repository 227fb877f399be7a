using ReferralHub.Web.Fhir;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Web.FollowUps;

/// <summary>Follow-ups as the FHIR API finds them: one referral's, or those overdue among my organisation's referrals.</summary>
public sealed class FollowUpSearches(HubApi api, TimeProvider clock)
{
    private const int Largest = 200;

    public async Task<IReadOnlyList<FollowUp>> OfReferralAsync(string referralTaskId, CancellationToken cancellationToken) =>
        Read(await api.SearchAsync("Task", [new("part-of", $"Task/{referralTaskId}")], Largest, cancellationToken));

    /// <summary>Open follow-ups past their due date, of every referral my organisation is a side of.</summary>
    public async Task<IReadOnlyList<FollowUp>> OverdueAsync(CancellationToken cancellationToken) =>
        Read(await api.SearchAsync("Task", [new("code", "follow-up"), new("overdue", "true")], Largest, cancellationToken));

    private List<FollowUp> Read(Hl7.Fhir.Model.Bundle bundle)
    {
        var now = clock.GetUtcNow();
        return [.. bundle.Entry.Select(e => e.Resource).OfType<FhirTask>().Where(FollowUp.IsFollowUp)
            .Select(task => FollowUp.From(task, now)).OrderBy(f => f.Due, StringComparer.Ordinal)];
    }
}
