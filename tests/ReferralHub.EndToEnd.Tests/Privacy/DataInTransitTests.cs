using System.Net;
using ReferralHub.Contracts.Messages;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Privacy;

/// <summary>
/// Issue 14, "Must show": right after referrals, nothing readable about the survivor sits in Routing's tables or in any
/// outbox or inbox row. The referrals take every path that carries her data between services: decided at submission,
/// routed through the directory (Gateway → Routing → Consent → Routing → Gateway), and reviewed after a consent change.
/// </summary>
public abstract class DataInTransitTests(IRunningHub hub)
{
    [Fact]
    public async Task After_referrals_and_a_review_no_survivor_data_is_in_routing_or_in_any_outbox_or_inbox_row()
    {
        using var shelter = hub.ClientFor(Shelter);
        using var edo = hub.ClientFor(NgoEdo);
        var named = new ReferralBuilder();
        var routed = new ReferralBuilder { Performer = null, Place = ("NG", "NG-ED"), ServiceCode = "vocational-training", ConsentRecipients = [NgoEdo, NgoLagos, GovAgency] };

        var first = await SubmitAsync(shelter, named);
        var patientPath = Refs.Of((await DeliveredAsync(edo, first.TaskId)).For)!;
        var second = await SubmitAsync(shelter, routed);
        var routedTask = await DeliveredAsync(edo, second.TaskId);
        await ReviseConsentAsync(shelter, first.ConsentId, consent => PermitClasses(consent, [.. Vocabulary.ConsentedClasses, "contact"]));
        await Eventually.UntilAsync(
            "after the review, ngo-ng-edo reads the survivor's phone number",
            () => edo.GetAsync(patientPath),
            read => read.Status == HttpStatusCode.OK && read.Body.Contains(named.Canaries.Phone, StringComparison.Ordinal),
            read => read.Describe());
        var routedPatient = await edo.GetAsync(Refs.Of(routedTask.For)!);
        Expect.That(routedPatient.Body.Contains(routed.Canaries.Family, StringComparison.Ordinal), "the routed survivor's name reached ngo-ng-edo", routedPatient.Describe());

        var rows = await StoredAsync();
        foreach (var carrier in new[] { typeof(ReferralSubmitted), typeof(DisclosureRequested), typeof(DisclosureApproved), typeof(StoreDisclosure) })
        {
            Expect.That(rows.Any(r => r.Place.Contains(carrier.FullName!, StringComparison.Ordinal)), $"the search reads the outbox rows of {carrier.Name}, which carried the survivors' data");
        }

        string[] canaries = [.. named.Canaries.Unique, .. routed.Canaries.Unique];
        var leaks = rows
            .Select(row => (row.Place, Found: canaries.Where(c => row.Text.Contains(c, StringComparison.OrdinalIgnoreCase)).ToList()))
            .Where(row => row.Found.Count > 0)
            .Select(row => $"{row.Place}: {string.Join(", ", row.Found)}")
            .ToList();
        Assert.True(leaks.Count == 0, $"survivor data in {leaks.Count} of {rows.Count} rows:\n{string.Join('\n', leaks)}");
    }

    /// <summary>Every outbox and inbox row of every service, and all of Routing's storage.</summary>
    protected abstract Task<IReadOnlyList<StoredRow>> StoredAsync();
}

public sealed class EmbeddedDataInTransitTests(HubServerFixture hub) : DataInTransitTests(hub), IClassFixture<HubServerFixture>
{
    protected override async Task<IReadOnlyList<StoredRow>> StoredAsync() =>
        [.. await EmbeddedStoredRows.MessagesAndRoutingAsync(hub.DataFolder), new StoredRow("routing.db* files, byte for byte", await EmbeddedStoredRows.RoutingFilesAsync(hub.DataFolder))];
}

[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedDataInTransitTests(DistributedHubFixture fixture) : DataInTransitTests(fixture.Hub)
{
    protected override Task<IReadOnlyList<StoredRow>> StoredAsync() => DistributedStoredRows.MessagesAndRoutingAsync(fixture.Hub.Postgres);
}
