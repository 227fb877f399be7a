using Microsoft.AspNetCore.Mvc.RazorPages;
using ReferralHub.Web.ServiceDirectory;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Referrals;

/// <summary>The referrals my organisation sent, with where each stands.</summary>
public sealed class IndexModel(ReferralSearches referrals, HubDirectory directory) : PageModel
{
    public ReferralListView List { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        List = new ReferralListView(await referrals.SentAsync(User.OrganizationId(), cancellationToken), await directory.OrganizationsAsync(cancellationToken), ShowSurvivor: true);
}
