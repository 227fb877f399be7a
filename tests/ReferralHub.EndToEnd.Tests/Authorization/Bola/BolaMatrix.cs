using System.Collections.Concurrent;
using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.Authorization.Bola;

/// <summary>A caller of the matrix: an API client or a person, acting for <paramref name="Organization"/>.</summary>
public sealed record Caller(string Organization, HubClient Client)
{
    public override string ToString() => Client.Caller == Organization ? $"{Organization} (API client)" : $"{Client.Caller} ({Organization})";
}

/// <summary>What the matrix saw.</summary>
/// <param name="Mismatches">Each probe whose answer about a victim differed from its answer about a never-existing id.</param>
/// <param name="FailedOwnerChecks">Search probes that do not find the victim even for its owner: they would prove nothing.</param>
/// <param name="UncoveredRoutes">Routes of the CapabilityStatement no probe covered.</param>
/// <param name="Pairs">(owner, outsider) pairs of demo organisations probed.</param>
/// <param name="Callers">Every caller that probed.</param>
/// <param name="Comparisons">How many answers were compared.</param>
public sealed record BolaReport(
    IReadOnlyList<string> Mismatches,
    IReadOnlyList<string> FailedOwnerChecks,
    IReadOnlyList<string> UncoveredRoutes,
    IReadOnlySet<(string Owner, string Outsider)> Pairs,
    IReadOnlySet<string> Callers,
    int Comparisons);

/// <summary>
/// Runs every probe of the catalogue for every victim, as every outsider caller (an organisation that may not see the
/// victim, by its API client and by its caseworker), and compares each answer with the same caller's answer for an id
/// that never existed.
/// </summary>
public sealed class BolaMatrix(ProbeCatalogue catalogue, IReadOnlyList<Victim> victims, IReadOnlyDictionary<string, HubClient> owners, IReadOnlyList<Caller> outsiders)
{
    private readonly ConcurrentDictionary<string, ProbeAnswer> neverAnswers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> mismatches = new();
    private readonly ConcurrentDictionary<string, byte> coveredRoutes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, string), byte> pairs = new();
    private readonly ConcurrentDictionary<string, byte> callers = new(StringComparer.Ordinal);
    private int comparisons;

    public async Task<BolaReport> RunAsync()
    {
        var work = victims
            .SelectMany(victim => outsiders.Where(caller => !victim.VisibleTo.Contains(caller.Organization)).Select(caller => (Victim: victim, Caller: caller)))
            .Select(item => (item.Victim, item.Caller, Probes: catalogue.ProbesFor(item.Victim, item.Caller.Organization).ToList()))
            .ToList();
        var failedChecks = await CheckOwnersAsync(work.SelectMany(item => item.Probes));
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, _) =>
        {
            foreach (var probe in item.Probes)
            {
                await CompareAsync(item.Victim, item.Caller, probe);
                if (probe.Check is null || !failedChecks.ContainsKey(probe.Check))
                {
                    coveredRoutes.TryAdd(probe.Route, 0);
                }
            }
        });

        return new BolaReport(
            [.. mismatches.Order(StringComparer.Ordinal)],
            [.. failedChecks.Values.Order(StringComparer.Ordinal)],
            [.. catalogue.Routes.Where(route => !coveredRoutes.ContainsKey(route)).Distinct(StringComparer.Ordinal)],
            pairs.Keys.ToHashSet(),
            callers.Keys.ToHashSet(StringComparer.Ordinal),
            comparisons);
    }

    private async Task CompareAsync(Victim victim, Caller caller, Probe probe)
    {
        var never = Guid.NewGuid().ToString();
        var request = probe.For(victim.Id);
        var aboutVictim = ProbeAnswer.Of(await SendAsync(caller.Client, request), victim.Id);
        var baseline = probe.For(never);
        var key = $"{caller.Client.Caller} {baseline.Method} {baseline.Path.Replace(never, "{id}", StringComparison.Ordinal)} {(baseline.Body is null ? string.Empty : FhirJson.Serialize(baseline.Body).Replace(never, "{id}", StringComparison.Ordinal))}";
        var aboutNothing = baseline.Method == HttpMethod.Get && neverAnswers.TryGetValue(key, out var known)
            ? known
            : neverAnswers[key] = ProbeAnswer.Of(await SendAsync(caller.Client, baseline), never);
        Interlocked.Increment(ref comparisons);
        callers.TryAdd(caller.ToString(), 0);
        foreach (var owner in victim.VisibleTo.Where(BolaWorld.Organisations.Contains))
        {
            pairs.TryAdd((owner, caller.Organization), 0);
        }

        if (aboutVictim != aboutNothing)
        {
            mismatches.Enqueue(
                $"{caller} on {probe.Route}: {request.Method} {request.Path} about {victim.Reference} (seen by {string.Join(", ", victim.VisibleTo)})\n" +
                $"    answers {aboutVictim}\n    but for a never-existing id {aboutNothing}");
        }
    }

    /// <summary>Runs each distinct owner check once; answers the failed ones with why.</summary>
    private async Task<IReadOnlyDictionary<OwnerCheck, string>> CheckOwnersAsync(IEnumerable<Probe> probes)
    {
        var failed = new Dictionary<OwnerCheck, string>();
        foreach (var check in probes.Select(probe => probe.Check).OfType<OwnerCheck>().Distinct())
        {
            var answer = await SendAsync(owners[check.Organization], check.Request);
            var found = answer.Status == HttpStatusCode.OK && answer.As<Bundle>().Entry.Any(entry => entry.Resource?.Id == check.ExpectedId);
            if (!found)
            {
                failed[check] = $"{check.Organization}'s own {check.Request.Path} does not find {check.ExpectedId}: {answer.Describe()}";
            }
        }

        return failed;
    }

    private static Task<HubResponse> SendAsync(HubClient client, ProbeRequest request) =>
        client.SendAsync(request.Method, request.Path, request.Body is null ? null : FhirJson.Content(request.Body));
}
