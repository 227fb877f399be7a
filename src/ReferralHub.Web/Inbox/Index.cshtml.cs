using Microsoft.AspNetCore.Mvc.RazorPages;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.ServiceDirectory;
using ReferralHub.Web.Referrals;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Inbox;

/// <summary>The referrals my organisation received, showing of each survivor only what was disclosed to it.</summary>
[Requires(PersonCapability.ReadCases)]
public sealed class IndexModel(ReferralSearches referrals, HubDirectory directory, FollowUps.FollowUpSearches followUps) : PageModel
{
    public IReadOnlyList<Referral> Referrals { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Organizations { get; private set; } = new Dictionary<string, string>();

    public FollowUps.OverdueView Overdue { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var organization = User.OrganizationId();
        Overdue = new FollowUps.OverdueView([.. (await followUps.OverdueAsync(cancellationToken)).Where(f => f.OwnerId == organization)], organization);
        Referrals = await referrals.ReceivedAsync(User.OrganizationId(), cancellationToken);
        Organizations = await directory.OrganizationsAsync(cancellationToken);
    }
}
