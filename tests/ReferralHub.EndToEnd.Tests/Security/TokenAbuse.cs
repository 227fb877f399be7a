using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Security;

/// <summary>
/// What every abusive token must meet: 401 with a Bearer <c>invalid_token</c> challenge on a write, and the write kept
/// nowhere — the organisations it could have acted for search their own stores and find nothing of it.
/// </summary>
public static class TokenAbuse
{
    /// <summary>Writes a Patient whose family name is <paramref name="canary"/> with <paramref name="token"/>.</summary>
    public static Task<HubResponse> WritePatientAsync(IRunningHub hub, string token, string canary) =>
        SendWithAsync(hub, token, HttpMethod.Post, "Patient", new StringContent(BadBodies.Patient(canary), Encoding.UTF8, FhirJson.MediaType));

    public static async Task AssertRefusedAndNothingKeptAsync(IRunningHub hub, string token, string what, params string[] organizations)
    {
        var canary = BadBodies.NewCanary("TOKEN");

        var response = await WritePatientAsync(hub, token, canary);

        response.ShouldBeOutcome(HttpStatusCode.Unauthorized, $"a write with {what}");
        Assert.Contains(response.Headers.WwwAuthenticate, challenge =>
            challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && challenge.Parameter?.Contains("error=\"invalid_token\"", StringComparison.Ordinal) == true);
        foreach (var organization in organizations)
        {
            foreach (var page in await hub.ClientFor(organization).SearchAllPagesAsync("Patient?_count=100"))
            {
                page.ShouldBe(HttpStatusCode.OK, $"{organization} searching its Patients");
                Expect.NoneIn(page.Body, [canary], $"nothing written with {what} is kept by {organization}");
            }
        }
    }

    /// <summary>Reads with the token until the hub refuses it (revocations reach the services within a second or two).</summary>
    public static Task WaitUntilRefusedAsync(IRunningHub hub, string token, string what) =>
        Eventually.UntilAsync(
            $"the hub refuses {what}",
            () => SendWithAsync(hub, token, HttpMethod.Get, "Patient?_count=1"),
            response => response.Status == HttpStatusCode.Unauthorized,
            response => response.Describe());

    /// <summary>The token works: a read with it answers 200 (so that a later 401 is the abuse's doing).</summary>
    public static async Task AssertAcceptedAsync(IRunningHub hub, string token, string what)
    {
        var response = await SendWithAsync(hub, token, HttpMethod.Get, "Patient?_count=1");
        response.ShouldBe(HttpStatusCode.OK, $"a read with {what}");
    }

    /// <summary>A request carrying exactly <paramref name="token"/> (an explicit header replaces the client's own token).</summary>
    private static Task<HubResponse> SendWithAsync(IRunningHub hub, string token, HttpMethod method, string path, HttpContent? content = null) =>
        hub.ClientFor(HubServerFixture.Shelter).SendAsync(method, path, content, request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));
}
