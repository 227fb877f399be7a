using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Web.Fhir;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Web.Dashboard;

/// <summary>
/// Gathers the dashboard's facts from the FHIR API: the referral Tasks my organisation sent or received (with their
/// ServiceRequest for the service), and when each was accepted (from the Task's versions). Nothing personal is kept.
/// </summary>
public sealed class DashboardReader(HubApi api)
{
    private const int Largest = 200;

    /// <summary>At most this many referrals have their history read for the time to acceptance.</summary>
    private const int HistoryBudget = 50;

    private static readonly HashSet<string> AcceptedOrLater = new(StringComparer.Ordinal) { "accepted", "in-progress", "on-hold", "completed", "failed" };

    public async Task<IReadOnlyList<ReferralFact>> ReadAsync(string organizationId, CancellationToken cancellationToken)
    {
        var tasks = new Dictionary<string, (FhirTask Task, string? Service)>(StringComparer.Ordinal);
        foreach (var side in new[] { "requester", "owner" })
        {
            var bundle = await api.SearchAsync(
                "Task", [new(side, $"Organization/{organizationId}"), new("_include", "Task:focus")], Largest, cancellationToken);
            var requests = bundle.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Where(r => r.Id is not null).ToDictionary(r => r.Id!, StringComparer.Ordinal);
            foreach (var task in bundle.Entry.Select(e => e.Resource).OfType<FhirTask>().Where(t => t.Id is not null && FhirCodes.IdOf(t.Focus, "ServiceRequest") is not null))
            {
                var request = requests.GetValueOrDefault(FhirCodes.IdOf(task.Focus, "ServiceRequest")!);
                tasks[task.Id!] = (task, request is null ? null : FhirCodes.CodeOf(request.Category, HubVocabulary.Services));
            }
        }

        var facts = new List<ReferralFact>();
        var budget = HistoryBudget;
        foreach (var (task, service) in tasks.Values.OrderByDescending(t => t.Task.AuthoredOn, StringComparer.Ordinal))
        {
            var status = task.Status?.GetLiteral() ?? "unknown";
            var authored = task.AuthoredOnElement?.ToDateTimeOffset(TimeSpan.Zero);
            double? days = null;
            if (authored is { } start && AcceptedOrLater.Contains(status) && budget-- > 0)
            {
                days = await DaysToAcceptanceAsync(task, start, cancellationToken);
            }

            facts.Add(new ReferralFact(service, status, authored, days));
        }

        return facts;
    }

    /// <summary>The first version of the Task that is accepted, minus the time it was authored, in days.</summary>
    private async Task<double?> DaysToAcceptanceAsync(FhirTask task, DateTimeOffset authored, CancellationToken cancellationToken)
    {
        if (!int.TryParse(task.Meta?.VersionId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var current))
        {
            return null;
        }

        for (var version = 2; version <= current; version++)
        {
            FhirTask? past;
            try
            {
                past = await api.ReadAsync<FhirTask>($"Task/{task.Id}/_history/{version}", cancellationToken);
            }
            catch (HubApiException)
            {
                return null;
            }

            if (past?.Status == FhirTask.TaskStatus.Accepted && past.Meta?.LastUpdated is { } acceptedAt)
            {
                return Math.Max(0, (acceptedAt - authored).TotalDays);
            }
        }

        return null;
    }
}
