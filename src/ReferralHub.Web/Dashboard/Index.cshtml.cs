using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.Localization;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Dashboard;

/// <summary>Counts of my organisation's referrals, never personal data; counts from 1 to 4 are shown as "&lt;5".</summary>
[Requires(PersonCapability.ReadCases)]
public sealed class IndexModel(DashboardReader reader, FollowUps.FollowUpSearches followUps, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    public DashboardStatistics Statistics { get; private set; } = null!;

    public BarChart ServiceChart { get; private set; } = null!;

    public BarChart MonthChart { get; private set; } = null!;

    public async System.Threading.Tasks.Task OnGetAsync(CancellationToken cancellationToken)
    {
        var organization = User.OrganizationId();
        var facts = await reader.ReadAsync(organization, cancellationToken);
        var overdue = (await followUps.OverdueAsync(cancellationToken)).Count;
        Statistics = DashboardStatistics.From(facts, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), overdue);
        var culture = CultureInfo.CurrentCulture;
        ServiceChart = BarChart.Create("by-service", Statistics.ByService.Select(r => (ServiceLabel(r.ServiceCode), r.Total)), culture);
        MonthChart = BarChart.Create("by-month", Statistics.ByMonth.Select(r => (MonthLabel(r.Month), r.Total)), culture);
    }

    public string ServiceLabel(string code) => code == DashboardStatistics.UnknownService ? text["Dashboard.ServiceUnknown"] : text["Service." + code];

    public static string MonthLabel(DateOnly month) => month.ToDateTime(TimeOnly.MinValue).ToString("Y", CultureInfo.CurrentCulture);
}
