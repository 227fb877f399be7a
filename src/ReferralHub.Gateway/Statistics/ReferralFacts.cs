using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.Statistics;

/// <summary>
/// The referrals statistics may count, as <see cref="ReferralFact"/>s: those whose survivor's consent permits the
/// <c>statistics</c> purpose to the recipient now (<see cref="DisclosurePermits"/>, the evaluator disclosures are decided
/// with). Failing closed: a referral without a recipient, or whose consent cannot be shown to permit it, is not counted.
/// </summary>
public sealed class ReferralFacts(GatewayDbContext db, DisclosurePermits permits)
{
    /// <param name="organizationId">Only the referrals this organisation sent or received; null for all of the hub's.</param>
    public async Task<IReadOnlyList<ReferralFact>> ReadAsync(string? organizationId, CancellationToken cancellationToken)
    {
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.OwnerOrganizationId != null)
            .Where(t => organizationId == null || t.RequesterOrganizationId == organizationId || t.OwnerOrganizationId == organizationId)
            .ToListAsync(cancellationToken);
        var permitted = await permits.PermittedForAsync(tasks.Select(t => (t.PatientId, t.OwnerOrganizationId!)).ToList(), Purpose.Statistics, cancellationToken);
        var counted = tasks.Where(t => permitted.Contains((t.PatientId, t.OwnerOrganizationId!))).ToList();

        var requestIds = counted.Select(t => t.ServiceRequestId).Distinct().ToList();
        var services = (await db.Resources.AsNoTracking()
                .Where(r => r.ResourceType == "ServiceRequest" && requestIds.Contains(r.Id))
                .ToListAsync(cancellationToken))
            .ToDictionary(r => r.Id, r => ServiceOf(FhirJson.Parse<ServiceRequest>(r.Json)), StringComparer.Ordinal);
        var countries = (await db.Resources.AsNoTracking().Where(r => r.ResourceType == "Organization").ToListAsync(cancellationToken))
            .ToDictionary(r => r.Id, r => CountryOf(FhirJson.Parse<Organization>(r.Json)), StringComparer.Ordinal);
        var accepted = await AcceptedAtAsync(counted.Select(t => t.Id).ToList(), cancellationToken);

        return counted.Select(row =>
        {
            var authored = FhirJson.Parse<FhirTask>(row.Json).AuthoredOnElement?.ToDateTimeOffset(TimeSpan.Zero);
            double? days = authored is { } start && accepted.TryGetValue(row.Id, out var at) ? Math.Max(0, (at - start).TotalDays) : null;
            return new ReferralFact(
                services.GetValueOrDefault(row.ServiceRequestId) ?? StatisticsDimension.Unknown,
                countries.GetValueOrDefault(row.RequesterOrganizationId) ?? StatisticsDimension.Unknown,
                countries.GetValueOrDefault(row.OwnerOrganizationId!) ?? StatisticsDimension.Unknown,
                row.Status,
                authored?.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? StatisticsDimension.Unknown,
                days);
        }).ToList();
    }

    /// <summary>When each Task was first accepted: the first of its versions whose status is accepted.</summary>
    private async Task<Dictionary<string, DateTimeOffset>> AcceptedAtAsync(List<string> taskIds, CancellationToken cancellationToken)
    {
        var versions = await db.ResourceVersions.AsNoTracking()
            .Where(v => v.ResourceType == "Task" && taskIds.Contains(v.Id))
            .ToListAsync(cancellationToken);
        return versions
            .Where(v => FhirJson.Parse<FhirTask>(v.Json).Status == FhirTask.TaskStatus.Accepted)
            .GroupBy(v => v.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new DateTimeOffset(DateTime.SpecifyKind(g.Min(v => v.LastUpdated), DateTimeKind.Utc)), StringComparer.Ordinal);
    }

    private static string ServiceOf(ServiceRequest request) =>
        request.Category.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == HubVocabulary.Services.Url && HubVocabulary.Services.Contains(c.Code))?.Code
        ?? StatisticsDimension.Unknown;

    private static string CountryOf(Organization organization) =>
        organization.Address.Select(a => a.Country).FirstOrDefault(c => !string.IsNullOrEmpty(c)) ?? StatisticsDimension.Unknown;
}
