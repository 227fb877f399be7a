using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReferralHub.Bench;

/// <summary>
/// Drives referrals through the public API: the shelter submits a referral Bundle; the clock stops when ngo-ng-edo
/// can read the referral's Task (submit → recipient-readable).
/// </summary>
public sealed class ReferralLoad(Options options)
{
    private const string ContentType = "application/fhir+json";

    public async Task<LoadResult> RunAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var shelter = await TokenAsync(http, "shelter-it-roma");
        var recipient = await TokenAsync(http, "ngo-ng-edo");

        // Warm-up, not measured: JIT, connection pools, the broker topology each message type declares on first use.
        for (var i = 0; i < options.Warmup; i++)
        {
            await OneAsync(http, shelter, recipient);
        }

        var latencies = new List<double>();
        var failures = 0;
        var next = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= options.Referrals)
            {
                var latency = await OneAsync(http, shelter, recipient);
                lock (latencies)
                {
                    if (latency is { } ms)
                    {
                        latencies.Add(ms);
                    }
                    else
                    {
                        failures++;
                    }
                }
            }
        }));
        wall.Stop();
        return new LoadResult(latencies, failures, wall.Elapsed);
    }

    private async Task<double?> OneAsync(HttpClient http, string shelter, string recipient)
    {
        var started = Stopwatch.GetTimestamp();
        using var submit = new HttpRequestMessage(HttpMethod.Post, options.Fhir) { Content = new StringContent(ReferralBundle.Create(), Encoding.UTF8, ContentType) };
        submit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", shelter);
        using var submitted = await http.SendAsync(submit);
        if (!submitted.IsSuccessStatusCode)
        {
            return null;
        }

        var response = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!;
        var serviceRequest = response["entry"]![4]!["response"]!["location"]!.GetValue<string>().Split('/')[1];
        using var find = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Fhir, $"Task?focus=ServiceRequest/{serviceRequest}"));
        find.Headers.Authorization = new AuthenticationHeaderValue("Bearer", shelter);
        using var found = await http.SendAsync(find);
        var taskId = JsonNode.Parse(await found.Content.ReadAsStringAsync())!["entry"]![0]!["resource"]!["id"]!.GetValue<string>();

        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Fhir, $"Task/{taskId}"));
            read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", recipient);
            using var readable = await http.SendAsync(read);
            if (readable.StatusCode == HttpStatusCode.OK)
            {
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            // Often enough for the figures' resolution, rarely enough not to become the load itself.
            await Task.Delay(25);
        }

        return null;
    }

    private async Task<string> TokenAsync(HttpClient http, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Identity, "connect/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client}:{client}-secret")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }
}

public sealed record LoadResult(IReadOnlyList<double> LatenciesMs, int Failures, TimeSpan Wall)
{
    public double PerSecond => LatenciesMs.Count / Wall.TotalSeconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Count == 0)
        {
            return double.NaN;
        }

        var sorted = LatenciesMs.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
