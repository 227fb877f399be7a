using System.Net.Http.Headers;
using System.Net.Sockets;

namespace ReferralHub.Bench;

/// <summary>
/// The hub as its two organisations reach it: shelter-it-roma submits referrals (to each Gateway in turn, as a load
/// balancer would), ngo-ng-edo reads its Tasks. One HttpClient, with as many connections as there are requests in flight.
/// </summary>
public sealed class HubClient : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(60) };
    private readonly IReadOnlyList<Uri> submissionTargets;
    private long submissions;

    private HubClient(Options options)
    {
        Fhir = options.Fhir;
        submissionTargets = options.SubmissionTargets;
        Shelter = new AccessToken(http, options.TokenEndpoint, "shelter-it-roma");
        Recipient = new AccessToken(http, options.TokenEndpoint, "ngo-ng-edo");
    }

    public Uri Fhir { get; }

    public AccessToken Shelter { get; }

    public AccessToken Recipient { get; }

    /// <summary>The FHIR base the next submission goes to: each Gateway in turn.</summary>
    public Uri NextSubmissionTarget() => submissionTargets[(int)((ulong)Interlocked.Increment(ref submissions) % (ulong)submissionTargets.Count)];

    /// <summary>A client for the hub once both organisations have a token and the FHIR base answers.</summary>
    public static async Task<HubClient> ConnectAsync(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hub = new HubClient(options);
        try
        {
            await hub.Shelter.GetAsync();
            await hub.Recipient.GetAsync();
            foreach (var fhir in hub.submissionTargets)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fhir, "metadata"));
                using var metadata = await SendOrExplainAsync(hub.http, request);
                if (!metadata.IsSuccessStatusCode)
                {
                    throw new BenchException($"{fhir}metadata answered {(int)metadata.StatusCode}: is --gateway the hub's address?");
                }
            }

            return hub;
        }
        catch
        {
            hub.Dispose();
            throw;
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, AccessToken token, HttpContent? content = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAsync());
        return await http.SendAsync(request);
    }

    /// <summary>Sends a request; a connection that cannot be made becomes a one-line <see cref="BenchException"/> naming the address.</summary>
    public static async Task<HttpResponseMessage> SendOrExplainAsync(HttpClient http, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await http.SendAsync(request);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            var reason = e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ? "connection refused" : e.InnerException?.Message ?? e.Message;
            throw BenchException.Unreachable(request.RequestUri!, reason);
        }
        catch (TaskCanceledException)
        {
            throw BenchException.Unreachable(request.RequestUri!, "no answer within 60 s");
        }
    }

    public void Dispose() => http.Dispose();
}
