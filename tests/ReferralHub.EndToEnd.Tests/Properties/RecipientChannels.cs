using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>The resources a recipient received for one referral through one channel, for the per-resource checks.</summary>
public sealed record RecipientCaseView(string Channel, ServiceRequest Request, Patient? Patient, IReadOnlyList<Observation> Observations);

/// <summary>
/// One way a recipient reads what the hub disclosed to it. Every response body it gets is scanned for canaries by the
/// caller (whatever the channel); the views it returns are checked resource by resource.
/// </summary>
public interface IRecipientChannel
{
    string Name { get; }

    /// <summary>Reads everything the channel offers about referrals made since <paramref name="since"/>.</summary>
    Task<IReadOnlyList<RecipientCaseView>> ReadAsync(HubClient recipient, DateTimeOffset since);
}

/// <summary>Everything a recipient can see. Another read channel is one more entry here; each must show every referral.</summary>
public static class RecipientChannels
{
    public static IReadOnlyList<IRecipientChannel> All { get; } = [new FhirRestChannel(), new MessageBundleChannel()];
}

/// <summary>
/// The recipient's mailbox of message Bundles (DESIGN §6, the polling channel): every page of <c>GET /fhir/Bundle</c>
/// since the batch began; each <c>referral-request</c> carries the referral's ServiceRequest, Patient and Observations.
/// </summary>
public sealed class MessageBundleChannel : IRecipientChannel
{
    public string Name => "message Bundles";

    public async Task<IReadOnlyList<RecipientCaseView>> ReadAsync(HubClient recipient, DateTimeOffset since)
    {
        var pages = await recipient.SearchAllPagesAsync($"Bundle?_lastUpdated=ge{SearchInstant.Format(since)}&_count=100", maxPages: 1000);
        var messages = pages.Where(page => page.Status == HttpStatusCode.OK)
            .SelectMany(page => page.As<Bundle>().Entry)
            .Select(entry => entry.Resource).OfType<Bundle>();
        var views = new List<RecipientCaseView>();
        foreach (var message in messages)
        {
            var resources = message.Entry.Select(e => e.Resource).ToList();
            if (resources.FirstOrDefault() is MessageHeader { Event: Coding { Code: "referral-request" } }
                && resources.OfType<ServiceRequest>().SingleOrDefault() is { } request)
            {
                views.Add(new RecipientCaseView(Name, request, resources.OfType<Patient>().SingleOrDefault(), resources.OfType<Observation>().ToList()));
            }
        }

        return views;
    }
}

/// <summary>
/// The FHIR REST API as a recipient uses it (DESIGN §5): its Task worklist with <c>_include=Task:focus</c> and
/// <c>_include=Task:patient</c> (every page), then a read and a version read of each Task and of every resource they
/// reference, including every Observation the ServiceRequest references.
/// </summary>
public sealed class FhirRestChannel : IRecipientChannel
{
    private const int ReadConcurrency = 4;

    private const string ChannelName = "FHIR REST";

    public string Name => ChannelName;

    public async Task<IReadOnlyList<RecipientCaseView>> ReadAsync(HubClient recipient, DateTimeOffset since)
    {
        var worklist = $"Task?owner=Organization/{recipient.Caller}&status=requested&_lastUpdated=ge{SearchInstant.Format(since)}"
            + "&_include=Task:focus&_include=Task:patient&_count=100";
        var pages = await recipient.SearchAllPagesAsync(worklist, maxPages: 1000);
        var tasks = pages.Where(page => page.Status == HttpStatusCode.OK)
            .SelectMany(page => page.As<Bundle>().Entry)
            .Select(entry => entry.Resource).OfType<FhirTask>()
            .ToList();
        using var gate = new SemaphoreSlim(ReadConcurrency);
        var views = await Task.WhenAll(tasks.Select(async task =>
        {
            await gate.WaitAsync();
            try
            {
                return await ReadReferralAsync(recipient, task);
            }
            finally
            {
                gate.Release();
            }
        }));
        return views.OfType<RecipientCaseView>().ToList();
    }

    private static async Task<RecipientCaseView?> ReadReferralAsync(HubClient recipient, FhirTask task)
    {
        await ReadWithHistoryAsync(recipient, $"Task/{task.Id}");
        if (Refs.Of(task.Focus) is not { } focus || await ReadWithHistoryAsync(recipient, focus) is not ServiceRequest request)
        {
            return null;
        }

        var patient = Refs.Of(task.For) is { } subject ? await ReadWithHistoryAsync(recipient, subject) as Patient : null;
        var observations = new List<Observation>();
        foreach (var reference in request.SupportingInfo.Concat(request.ReasonReference).Select(Refs.Of).OfType<string>().Distinct())
        {
            if (await ReadWithHistoryAsync(recipient, reference) is Observation observation)
            {
                observations.Add(observation);
            }
        }

        return new RecipientCaseView(ChannelName, request, patient, observations.DistinctBy(o => o.Id).ToList());
    }

    /// <summary>Reads the resource and, by its versionId, the same version from its history.</summary>
    private static async Task<Resource?> ReadWithHistoryAsync(HubClient recipient, string typeAndId)
    {
        var current = await recipient.GetAsync(typeAndId);
        if (current.Status != HttpStatusCode.OK || current.ResourceType is null)
        {
            return null;
        }

        var resource = current.Resource;
        if (resource.Meta?.VersionId is { } version)
        {
            await recipient.GetAsync($"{typeAndId}/_history/{version}");
        }

        return resource;
    }
}
