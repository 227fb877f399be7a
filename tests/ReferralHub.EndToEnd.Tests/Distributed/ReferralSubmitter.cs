using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>Submits referral transactions as the shelter, as an agency system would, and reports what the hub accepted.</summary>
/// <param name="referrals">What each submission sends; by default the README's referral, which names its recipient.</param>
public sealed class ReferralSubmitter(Uri gateway, TokenSource tokens, Func<ReferralBuilder>? referrals = null) : IDisposable
{
    /// <summary>
    /// A referral that names no recipient: Routing finds ngo-ng-edo in the directory and has Consent decide it, so its
    /// disclosure travels through the bus (Routing's <c>StoreDisclosure</c>) instead of being stored with the submission.
    /// </summary>
    public static ReferralBuilder ThroughDirectory() =>
        new() { Performer = null, Place = ("NG", "NG-ED"), ServiceCode = "vocational-training" };

    private readonly HttpClient http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The referral the hub accepted (2xx); <c>null</c> with the status (0 for no answer) otherwise.</summary>
    public async Task<(AcceptedReferral? Referral, int Status)> SubmitAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "fhir") { Content = FhirJson.Content((referrals ?? (() => new ReferralBuilder()))().Build()) };
            request.Headers.Authorization = new("Bearer", await tokens.GetAsync(HubServerFixture.Shelter, cancellationToken));
            request.Headers.Accept.ParseAdd(FhirJson.MediaType);
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (null, (int)response.StatusCode);
            }

            var bundle = (Bundle)FhirJson.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return (new AcceptedReferral(IdOf(bundle, "Patient"), IdOf(bundle, "ServiceRequest")), (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // No answer (a timeout, a refused connection, or no token while Identity's database restarts): not accepted.
            return (null, 0);
        }
    }

    /// <summary>Submits one referral and insists that it is accepted.</summary>
    public async Task<AcceptedReferral> SubmitAcceptedAsync()
    {
        var (referral, status) = await SubmitAsync();
        return referral ?? throw new InvalidOperationException($"The referral was not accepted: {status}.");
    }

    public void Dispose() => http.Dispose();

    private static string IdOf(Bundle response, string type) =>
        response.Entry.Select(e => e.Response?.Location ?? "").Single(l => l.StartsWith(type + "/", StringComparison.Ordinal)).Split('/')[1];

    /// <summary>Whether <paramref name="status"/> is an answer a client may see during an outage.</summary>
    public static bool IsOutageAnswer(int status) => status is 0 or (int)HttpStatusCode.ServiceUnavailable;
}
