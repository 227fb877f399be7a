namespace ReferralHub.Bench;

/// <summary>
/// When each submitted referral became readable by its recipient, counted from the recipient's side in bulk.
/// <para>
/// The transaction-response names the referral's ServiceRequest but not the Task the hub created for it, and
/// ngo-ng-edo sees that Task with its own ids for the ServiceRequest and Patient. So two feeds are read: ngo-ng-edo's
/// Tasks every poll interval, noting when each Task id first appears (the delivery, so the interval bounds the
/// latency's resolution), and shelter-it-roma's Tasks a few times a second, whose focus names the shelter's
/// ServiceRequest, to learn which Task is whose. A referral is delivered at its Task's first appearance, whichever
/// feed was read first.
/// </para>
/// <para>
/// A Task keeps the lastUpdated of its submission when it is disclosed to the recipient, so Tasks enter the
/// recipient's feed out of lastUpdated order: each poll reads from the oldest referral still awaited (its
/// ServiceRequest's lastModified, which is no later than its Task's), not from the newest Task seen. A feed is read
/// only while a referral is awaited on it.
/// </para>
/// </summary>
public sealed class Deliveries : IAsyncDisposable
{
    /// <summary>Which Task is whose is needed only to match deliveries already noted, so it is read less often.</summary>
    private static readonly TimeSpan RequesterPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock gate = new();
    private readonly Dictionary<string, DateTimeOffset> unmatched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> undelivered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> taskOfServiceRequest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> serviceRequestOfTask = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> firstSeenByRecipient = new(StringComparer.Ordinal);
    private readonly TaskFeed recipient;
    private readonly TaskFeed requester;

    public Deliveries(HubClient hub, TimeSpan pollInterval)
    {
        ArgumentNullException.ThrowIfNull(hub);
        recipient = new TaskFeed(hub, hub.Recipient, pollInterval, () => Oldest(undelivered), RecipientSaw);
        requester = new TaskFeed(hub, hub.Shelter, RequesterPollInterval, () => Oldest(unmatched), RequesterSaw);
    }

    public int AwaitedCount
    {
        get
        {
            lock (gate)
            {
                return undelivered.Count;
            }
        }
    }

    public PollCounters RecipientPolls => recipient.Counters;

    public PollCounters RequesterPolls => requester.Counters;

    /// <summary>Awaits the referral whose ServiceRequest the hub stored at <paramref name="lastModified"/>.</summary>
    public void Await(string serviceRequestId, DateTimeOffset lastModified)
    {
        lock (gate)
        {
            unmatched[serviceRequestId] = lastModified;
            undelivered[serviceRequestId] = lastModified;
        }
    }

    /// <summary>When the referral's Task first appeared in the recipient's feed (a Stopwatch timestamp), or null.</summary>
    public long? DeliveredAt(string serviceRequestId)
    {
        lock (gate)
        {
            return taskOfServiceRequest.TryGetValue(serviceRequestId, out var task) && firstSeenByRecipient.TryGetValue(task, out var at) ? at : null;
        }
    }

    /// <summary>Whether the shelter's feed has named the referral's Task.</summary>
    public bool IsMatched(string serviceRequestId)
    {
        lock (gate)
        {
            return taskOfServiceRequest.ContainsKey(serviceRequestId);
        }
    }

    /// <summary>Stops awaiting referrals that have not come, so that later polls do not keep reading from before them.</summary>
    public void GiveUp()
    {
        lock (gate)
        {
            unmatched.Clear();
            undelivered.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await recipient.DisposeAsync();
        await requester.DisposeAsync();
    }

    private DateTimeOffset? Oldest(Dictionary<string, DateTimeOffset> awaited)
    {
        lock (gate)
        {
            return awaited.Count == 0 ? null : awaited.Values.Min();
        }
    }

    private void RecipientSaw(IReadOnlyList<FeedEntry> tasks)
    {
        lock (gate)
        {
            foreach (var task in tasks)
            {
                if (firstSeenByRecipient.TryAdd(task.TaskId, task.SeenAt) && serviceRequestOfTask.TryGetValue(task.TaskId, out var serviceRequest))
                {
                    undelivered.Remove(serviceRequest);
                }
            }
        }
    }

    private void RequesterSaw(IReadOnlyList<FeedEntry> tasks)
    {
        lock (gate)
        {
            foreach (var task in tasks)
            {
                if (task.Focus?.Split('/') is ["ServiceRequest", var serviceRequest] && unmatched.Remove(serviceRequest))
                {
                    taskOfServiceRequest[serviceRequest] = task.TaskId;
                    serviceRequestOfTask[task.TaskId] = serviceRequest;
                    if (firstSeenByRecipient.ContainsKey(task.TaskId))
                    {
                        undelivered.Remove(serviceRequest);
                    }
                }
            }
        }
    }
}
