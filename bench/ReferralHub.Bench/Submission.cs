using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ReferralHub.Bench;

/// <summary>
/// What one submission came to: the status (null when no answer came: timeout, connection lost), when a 503 said to
/// retry, the referral's ServiceRequest when it was accepted, and how long the answer took.
/// </summary>
public sealed record SubmissionOutcome(int? Status, TimeSpan? RetryAfter, string? ServiceRequestId, double AnswerMs);

/// <summary>
/// Submits the README's referral Bundle as shelter-it-roma and awaits its delivery. The transaction-response names
/// the referral by its ServiceRequest: the entry whose <c>response.location</c> starts with <c>ServiceRequest/</c>.
/// </summary>
public sealed class ReferralSubmitter(HubClient hub, Deliveries deliveries)
{
    public async Task<SubmissionOutcome> SubmitAsync(long startedAt, RunLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var sent = Stopwatch.GetTimestamp();
        var sentUtc = DateTimeOffset.UtcNow;
        SubmissionOutcome outcome;
        try
        {
            using var content = new StringContent(ReferralBundle.Create(), Encoding.UTF8, "application/fhir+json");
            using var response = await hub.SendAsync(HttpMethod.Post, hub.NextSubmissionTarget(), hub.Shelter, content);
            string? serviceRequestId = null;
            if (response.IsSuccessStatusCode)
            {
                var (id, lastModified) = ServiceRequestOf(JsonNode.Parse(await response.Content.ReadAsStringAsync()));
                deliveries.Await(id, lastModified ?? sentUtc);
                serviceRequestId = id;
            }

            outcome = new SubmissionOutcome((int)response.StatusCode, RetryAfterOf(response), serviceRequestId, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            outcome = new SubmissionOutcome(null, null, null, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }

        log.Add(new Submitted(startedAt, outcome));
        return outcome;
    }

    /// <summary>
    /// The ServiceRequest's id and <c>response.lastModified</c>; without one, the moment the submission was sent will
    /// do: both are no later than the Task's lastUpdated, from which the feeds read.
    /// </summary>
    private static (string Id, DateTimeOffset? LastModified) ServiceRequestOf(JsonNode? response)
    {
        var entry = response?["entry"]?.AsArray()
            .Select(e => e?["response"])
            .FirstOrDefault(r => r?["location"]?.GetValue<string>().StartsWith("ServiceRequest/", StringComparison.Ordinal) == true)
            ?? throw new BenchException("the hub accepted a referral but its transaction-response names no ServiceRequest/… location");
        var id = entry["location"]!.GetValue<string>().Split('/')[1];
        return (id, entry["lastModified"]?.GetValue<string>() is { } modified ? DateTimeOffset.Parse(modified, CultureInfo.InvariantCulture) : null);
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };
}
