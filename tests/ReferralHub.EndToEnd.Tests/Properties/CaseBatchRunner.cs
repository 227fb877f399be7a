using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using Xunit.Sdk;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>
/// Runs a batch of cases through the real HTTP API of the embedded hub: the shelter submits them (the cases its
/// consents permit, many to a transaction; each other case in a transaction of its own, since one refused referral
/// refuses its whole transaction), the batch waits until the recipients can see their Tasks, every recipient reads
/// everything it can through every channel, the custodian reads back its own store, and what the hub logged meanwhile
/// is looked up.
/// </summary>
public sealed class CaseBatchRunner(HubServerFixture hub, LogWatch logs)
{
    private const int CasesPerTransaction = 25;
    private const int SubmissionConcurrency = 3;

    private int accepted;
    private int refused;
    private int batches;

    public int Accepted => accepted;

    public int Refused => refused;

    public int Batches => batches;

    /// <summary>How often the checks had something to bite on (a label-free view, a withheld Observation…).</summary>
    public Coverage Covered { get; } = new();

    /// <summary>Where the time went, summed over the batches.</summary>
    public PhaseTimes Times { get; } = new();

    public async Task<IReadOnlyDictionary<CaseInstance, IReadOnlyList<string>>> RunAsync(IReadOnlyList<CaseInstance> cases)
    {
        var observations = new BatchObservations();
        var since = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        var clients = new List<(HubClient Client, ResponseRecorder Recorder)>();
        try
        {
            HubClient Client(string organization)
            {
                var recorder = new ResponseRecorder();
                var client = HubClient.For(organization, hub.BaseAddress, hub.Tokens, recorder);
                clients.Add((client, recorder));
                return client;
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await SubmitAsync(Client(Shelter), cases, observations);
            Times.Add(Phase.Submission, clock);
            var recipients = CaseGenerators.Recipients.Select(Client).ToList();
            await WaitForDeliveryAsync(recipients, observations, since);
            Times.Add(Phase.Delivery, clock);
            var views = await Task.WhenAll(recipients.Select(async recipient =>
            {
                var found = new List<RecipientCaseView>();
                foreach (var channel in RecipientChannels.All)
                {
                    found.AddRange(await channel.ReadAsync(recipient, since));
                }

                return (recipient.Caller, found);
            }));
            foreach (var (recipient, found) in views)
            {
                foreach (var view in found)
                {
                    var referral = view.Request.Identifier.FirstOrDefault(i => i.System == Vocabulary.ReferralIdentifierSystem)?.Value ?? "(none)";
                    Add(observations.Views, referral, (recipient, view));
                }
            }

            foreach (var (client, recorder) in clients.Where(c => c.Client.Caller != Shelter))
            {
                foreach (var exchange in recorder.Exchanges)
                {
                    foreach (var canary in CanaryText.FindAll(exchange.Body))
                    {
                        Add(observations.RecipientSightings, canary, new Sighting(client.Caller, $"{exchange.Method} {exchange.Uri.PathAndQuery} -> {(int)exchange.Status}"));
                    }
                }
            }

            Times.Add(Phase.RecipientReads, clock);
            await ReadCustodianStoreAsync(Client(Shelter), since, observations);
            Times.Add(Phase.CustodianReads, clock);
            foreach (var instance in cases)
            {
                observations.LogSightings[instance.Tag] = [.. logs.Of(instance)];
            }

            Covered.Count(observations.Expectations.Values.Where(e => e.Decision.Accepted && observations.Answers[e.Instance].Accepted));
            Interlocked.Increment(ref batches);
            Interlocked.Add(ref accepted, observations.Answers.Count(a => a.Value.Accepted));
            Interlocked.Add(ref refused, observations.Answers.Count(a => !a.Value.Accepted));
            return cases.ToDictionary(c => c, c => CaseChecks.Judge(c, observations));
        }
        finally
        {
            foreach (var (client, _) in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task SubmitAsync(HubClient shelter, IReadOnlyList<CaseInstance> cases, BatchObservations observations)
    {
        var permitted = cases.Where(c => ConsentOracle.Decide(c.Shape, null).Accepted).ToList();
        var groups = permitted.Chunk(CasesPerTransaction).Concat(cases.Except(permitted).Select(c => new[] { c })).ToList();
        using var gate = new SemaphoreSlim(SubmissionConcurrency);
        var answers = await Task.WhenAll(groups.Select(async group =>
        {
            await gate.WaitAsync();
            try
            {
                var answer = await SubmitGroupAsync(shelter, group);
                // A permitted group the hub refused: each case alone, so the refusal names its case.
                return answer.Count == 0 && group.Length > 1
                    ? (await Task.WhenAll(group.Select(c => SubmitGroupAsync(shelter, [c])))).SelectMany(a => a).ToList()
                    : answer;
            }
            finally
            {
                gate.Release();
            }
        }));
        foreach (var (instance, answer, consentIds) in answers.SelectMany(a => a))
        {
            observations.Answers[instance] = answer;
            observations.Expectations[instance] = new DisclosureExpectation(instance, ConsentOracle.Decide(instance.Shape, consentIds));
        }
    }

    /// <summary>One transaction; its cases' answers, or none when a group of several was refused.</summary>
    private static async Task<List<(CaseInstance Instance, SubmissionAnswer Answer, IReadOnlyList<string>? ConsentIds)>> SubmitGroupAsync(HubClient shelter, CaseInstance[] group)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        foreach (var instance in group)
        {
            bundle.Entry.AddRange(instance.BundleEntries());
        }

        var response = await shelter.SendAsync(HttpMethod.Post, shelter.FhirBase.ToString().TrimEnd('/'), FhirJson.Content(bundle));
        if (response.Status != HttpStatusCode.OK)
        {
            var refusal = new SubmissionAnswer(false, response.ResourceType == "OperationOutcome"
                ? $"{(int)response.Status}: {Expect.TextOf(response.As<OperationOutcome>())}"
                : response.Describe());
            return group.Length > 1 ? [] : [(group[0], refusal, null)];
        }

        var locations = response.As<Bundle>().Entry.Select(entry => Refs.Of(entry.Response?.Location) ?? "").ToList();
        var answers = new List<(CaseInstance, SubmissionAnswer, IReadOnlyList<string>?)>();
        var offset = 0;
        foreach (var instance in group)
        {
            var ids = locations.Skip(offset).Take(instance.Entries.Count).ToList();
            offset += instance.Entries.Count;
            var consentIds = ids.Where(l => l.StartsWith("Consent/", StringComparison.Ordinal)).Select(Refs.IdOf).ToList();
            answers.Add((instance, new SubmissionAnswer(true, $"200, Consent ids [{string.Join(", ", consentIds)}]"), consentIds));
        }

        return answers;
    }

    /// <summary>Delivery is asynchronous: waits until each recipient's worklist holds as many new Tasks as the hub accepted referrals for it.</summary>
    private static async Task WaitForDeliveryAsync(IReadOnlyList<HubClient> recipients, BatchObservations observations, DateTimeOffset since)
    {
        var accepted = observations.Answers.Where(a => a.Value.Accepted).Select(a => a.Key).ToList();
        if (accepted.Count == 0)
        {
            return;
        }

        try
        {
            await Eventually.UntilAsync(
                $"the recipients' worklists show the {accepted.Count} accepted referrals",
                async () => await Task.WhenAll(recipients.Select(async recipient =>
                {
                    var page = await recipient.GetAsync($"Task?owner=Organization/{recipient.Caller}&_lastUpdated=ge{SearchInstant.Format(since)}&_count=0");
                    return (recipient.Caller, Visible: page.Status == HttpStatusCode.OK ? page.As<Bundle>().Total ?? 0 : 0);
                })),
                counts => counts.All(c => c.Visible >= accepted.Count(a => a.Shape.Recipient == c.Caller)),
                counts => string.Join(", ", counts.Select(c => $"{c.Caller}: {c.Visible} of {accepted.Count(a => a.Shape.Recipient == c.Caller)}")),
                TimeSpan.FromSeconds(30 + (accepted.Count / 2)));
        }
        catch (XunitException timeout)
        {
            observations.DeliveryProblem = timeout.Message;
        }
    }

    private static async Task ReadCustodianStoreAsync(HubClient shelter, DateTimeOffset since, BatchObservations observations)
    {
        foreach (var type in new[] { "Patient", "Consent", "Observation", "ServiceRequest" })
        {
            foreach (var page in await shelter.SearchAllPagesAsync($"{type}?_lastUpdated=ge{SearchInstant.Format(since)}&_count=200", maxPages: 1000))
            {
                observations.CustodianCanaries.UnionWith(CanaryText.FindAll(page.Body));
            }
        }
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
