using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace ReferralHub.Bench;

/// <summary>A referral Task as a feed read it: its id, its focus as the reader sees it, and when the page holding it arrived.</summary>
public sealed record FeedEntry(string TaskId, string? Focus, long SeenAt);

/// <summary>
/// Reads one organisation's referral Tasks in bulk, every interval while <c>from</c> names an instant to read from:
/// <c>GET fhir/Task?code=fulfill&amp;_count=200&amp;_lastUpdated=ge…</c>, following <c>next</c> links. A Task
/// delivered while the pages are read may shift them and be skipped; the next poll, which reads from the same
/// instant until that Task is seen, finds it.
/// </summary>
public sealed class TaskFeed : IAsyncDisposable
{
    /// <summary>The Gateway's largest page (SearchQuery.MaxCount).</summary>
    private const int PageSize = 200;

    private readonly HubClient hub;
    private readonly AccessToken reader;
    private readonly Func<DateTimeOffset?> from;
    private readonly Action<IReadOnlyList<FeedEntry>> saw;
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task polling;
    private PollCounters counters = new(0, 0, 0, 0);

    public TaskFeed(HubClient hub, AccessToken reader, TimeSpan interval, Func<DateTimeOffset?> from, Action<IReadOnlyList<FeedEntry>> saw)
    {
        this.hub = hub;
        this.reader = reader;
        this.from = from;
        this.saw = saw;
        polling = Task.Run(() => PollAsync(interval, stopping.Token));
    }

    public PollCounters Counters
    {
        get
        {
            lock (gate)
            {
                return counters;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await polling;
        stopping.Dispose();
    }

    private async Task PollAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (from() is { } instant)
                {
                    await ReadFromAsync(instant);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // disposed
        }
    }

    private async Task ReadFromAsync(DateTimeOffset instant)
    {
        var started = Stopwatch.GetTimestamp();
        var pages = 0;
        var failed = false;

        // A millisecond earlier: the query is cut to milliseconds, the stored lastUpdated is not.
        var since = instant.UtcDateTime.AddMilliseconds(-1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        Uri? page = new(hub.Fhir, $"Task?code=fulfill&_count={PageSize}&_lastUpdated=ge{Uri.EscapeDataString(since)}");
        try
        {
            while (page is not null)
            {
                using var response = await hub.SendAsync(HttpMethod.Get, page, reader);
                pages++;
                if (!response.IsSuccessStatusCode)
                {
                    failed = true;
                    break;
                }

                var bundle = JsonNode.Parse(await response.Content.ReadAsStringAsync());
                var seenAt = Stopwatch.GetTimestamp();
                saw((bundle?["entry"]?.AsArray() ?? [])
                    .Select(e => e?["resource"])
                    .Where(task => task?["id"] is not null)
                    .Select(task => new FeedEntry(task!["id"]!.GetValue<string>(), task["focus"]?["reference"]?.GetValue<string>(), seenAt))
                    .ToList());
                page = bundle?["link"]?.AsArray().FirstOrDefault(l => l?["relation"]?.GetValue<string>() == "next")?["url"]?.GetValue<string>() is { } next
                    ? new Uri(next)
                    : null;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or BenchException)
        {
            failed = true; // the hub is down, or its token endpoint refused: the next tick tries again
        }

        lock (gate)
        {
            counters = counters.Add(pages, Stopwatch.GetElapsedTime(started).TotalMilliseconds, failed);
        }
    }
}

/// <summary>Reads of a feed: polls, the pages they took, their time, and those that failed (an error status or no answer).</summary>
public sealed record PollCounters(int Polls, int Pages, double TotalMs, int Failed)
{
    public PollCounters Add(int pages, double ms, bool failed) => new(Polls + 1, Pages + pages, TotalMs + ms, Failed + (failed ? 1 : 0));

    public PollCounters Since(PollCounters earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(Polls - earlier.Polls, Pages - earlier.Pages, TotalMs - earlier.TotalMs, Failed - earlier.Failed);
    }
}
