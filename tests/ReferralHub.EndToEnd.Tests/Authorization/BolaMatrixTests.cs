using Xunit.Abstractions;
using ReferralHub.EndToEnd.Tests.Authorization.Bola;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Authorization;

/// <summary>
/// Issue 12, "a BOLA matrix test" (DESIGN §2, invariant 2): for every route and search parameter of the
/// CapabilityStatement the hub serves, every resource of a realistic world and every outsider — an organisation that
/// neither owns the resource nor received a copy of it, by its API client and by its caseworker — the answer is the
/// answer for an id that never existed: same status, same OperationOutcome code and text (the id substituted), same
/// search entries and total.
/// </summary>
public sealed class BolaMatrixTests(BolaMatrixFixture fixture, ITestOutputHelper output) : IClassFixture<BolaMatrixFixture>
{
    [Fact]
    public async Task An_outsiders_answer_on_every_route_is_identical_to_the_answer_for_an_id_that_never_existed()
    {
        var outcome = await fixture.Outcome;
        var report = outcome.Report;
        output.WriteLine($"{report.Comparisons} answers compared: {outcome.Victims.Count} resources, {outcome.Catalogue.Routes.Count} routes, {report.Callers.Count} callers.");
        output.WriteLine("Not probed, naming no resource an outsider could learn of:\n" + string.Join("\n", outcome.Catalogue.Exempt));

        Assert.True(report.Comparisons > 500, $"Only {report.Comparisons} answers were compared.");
        Assert.True(report.Mismatches.Count == 0, $"{report.Mismatches.Count} of {report.Comparisons} answers tell an outsider that the id exists:\n" + string.Join("\n", report.Mismatches.Take(40)));
    }

    [Fact]
    public async Task Every_route_and_search_parameter_of_the_CapabilityStatement_is_probed_with_a_search_that_finds_the_resource_for_its_owner()
    {
        var outcome = await fixture.Outcome;

        Assert.NotEmpty(outcome.Catalogue.Routes);
        Assert.True(outcome.Report.FailedOwnerChecks.Count == 0, "Probes that find nothing even for the owner:\n" + string.Join("\n", outcome.Report.FailedOwnerChecks));
        Assert.True(outcome.Report.UncoveredRoutes.Count == 0,
            "Routes of the CapabilityStatement no probe covers (teach ProbeCatalogue how to reach a resource through them):\n" + string.Join("\n", outcome.Report.UncoveredRoutes));
    }

    [Fact]
    public async Task Every_ordered_pair_of_demo_organisations_is_probed_by_the_outsiders_API_client_and_its_caseworker()
    {
        var report = (await fixture.Outcome).Report;

        var everyPair = BolaWorld.Organisations.SelectMany(owner => BolaWorld.Organisations.Where(outsider => outsider != owner).Select(outsider => (owner, outsider)));
        var missing = everyPair.Where(pair => !report.Pairs.Contains(pair)).ToList();
        Assert.True(missing.Count == 0, "Pairs (owner, outsider) never probed: " + string.Join(", ", missing));
        string[] everyCaller = [.. BolaWorld.Organisations.Select(o => $"{o} (API client)"), .. BolaWorld.Caseworkers.Select(p => $"{p.Value} ({p.Key})")];
        Assert.Equal(everyCaller.Order(StringComparer.Ordinal), report.Callers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Each_id_is_seen_only_by_the_organisation_that_owns_it_or_received_it_and_a_recipient_never_by_the_custodians_source_ids()
    {
        var outcome = await fixture.Outcome;

        var publicTypes = outcome.Victims.Where(v => v.DirectoryEntry).Select(v => v.Type).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["HealthcareService", "Organization"], publicTypes);
        foreach (var victim in outcome.Victims.Where(v => !v.DirectoryEntry))
        {
            var seenBy = victim.VisibleTo.Order(StringComparer.Ordinal).ToArray();
            if (victim.Type is "Task" or "Communication")
            {
                Assert.True(BolaWorld.Referrals.Any(sides => seenBy.All(sides.Contains)), $"{victim.Reference} is seen by {string.Join(", ", seenBy)}, not only by the sides of its referral");
            }
            else
            {
                Assert.True(seenBy.Length == 1, $"{victim.Reference} is seen by {string.Join(", ", seenBy)}");
            }
        }

        foreach (var (reference, owner) in outcome.World.KnownOwners())
        {
            var victim = outcome.Victims.SingleOrDefault(v => v.Reference == reference);
            Assert.True(victim is not null, $"{reference} of {owner} was not found by any organisation's search");
            Assert.Equal([owner], victim!.VisibleTo);
        }

        Assert.Contains(outcome.Victims, v => v.Reference == $"Observation/{outcome.World.RomaToEdo.HealthId}" && v.VisibleTo.SequenceEqual([Shelter]));
    }
}
