using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Localization;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Dashboard;

/// <summary>
/// Counts of my organisation's referrals from the Gateway's statistics API, never personal data: the API counts only
/// referrals whose consent permits statistics and suppresses small counts; the page shows a suppressed count as such.
/// </summary>
[Requires(PersonCapability.ReadCases)]
public sealed class IndexModel(HubApi api, FollowUps.FollowUpSearches followUps, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    public DashboardStatistics Statistics { get; private set; } = null!;

    public BarChart ServiceChart { get; private set; } = null!;

    public BarChart MonthChart { get; private set; } = null!;

    /// <summary>What a suppressed count reads.</summary>
    public string Suppressed => text["Dashboard.SuppressedCount"];

    public async System.Threading.Tasks.Task OnGetAsync(CancellationToken cancellationToken)
    {
        var byService = await api.ReferralStatisticsAsync(DashboardStatistics.Service, DashboardStatistics.Status, cancellationToken);
        var byMonth = await api.ReferralStatisticsAsync(DashboardStatistics.Month, DashboardStatistics.Status, cancellationToken);
        var overdue = (await followUps.OverdueAsync(cancellationToken)).Count;
        Statistics = DashboardStatistics.From(byService, byMonth, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), overdue);
        var culture = CultureInfo.CurrentCulture;
        ServiceChart = BarChart.Create("by-service", Statistics.ByService.Select(r => (ServiceLabel(r.ServiceCode), r.Total)), Statistics.Threshold, Suppressed, culture);
        MonthChart = BarChart.Create("by-month", Statistics.ByMonth.Select(r => (MonthLabel(r.Month), r.Total)), Statistics.Threshold, Suppressed, culture);
    }

    public string Count(int? count) => DashboardStatistics.Display(count, Suppressed, CultureInfo.CurrentCulture);

    public string ServiceLabel(string code) => code == DashboardStatistics.UnknownService ? text["Dashboard.ServiceUnknown"] : text["Service." + code];

    public static string MonthLabel(DateOnly month) => month.ToDateTime(TimeOnly.MinValue).ToString("Y", CultureInfo.CurrentCulture);
}
