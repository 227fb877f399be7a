using Microsoft.AspNetCore.Mvc.RazorPages;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.ServiceDirectory;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Referrals;

/// <summary>The referrals my organisation sent, with where each stands.</summary>
[Requires(PersonCapability.ReadCases)]
public sealed class IndexModel(ReferralSearches referrals, HubDirectory directory, FollowUps.FollowUpSearches followUps) : PageModel
{
    public ReferralListView List { get; private set; } = null!;

    public FollowUps.OverdueView Overdue { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var organization = User.OrganizationId();
        List = new ReferralListView(await referrals.SentAsync(organization, cancellationToken), await directory.OrganizationsAsync(cancellationToken), ShowSurvivor: true);
        Overdue = new FollowUps.OverdueView([.. (await followUps.OverdueAsync(cancellationToken)).Where(f => f.RequesterId == organization || f.OwnerId == organization)], organization);
    }
}
