using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Fhir;

/// <summary>
/// The hub's public FHIR API, called as the signed-in person (their access token, their organisation). The web
/// application's only way to survivors' data: it reads no other service's storage and keeps nothing itself.
/// </summary>
public sealed class HubApi(HttpClient http, IHttpContextAccessor accessor)
{
    public const string FhirJsonMediaType = "application/fhir+json";

    private static readonly FhirJsonDeserializer Deserializer = new();

    private static readonly FhirJsonSerializer Serializer = new();

    /// <summary>A resource by <c>Type/id</c>; null when absent or not visible (404).</summary>
    public async Task<T?> ReadAsync<T>(string reference, CancellationToken cancellationToken)
        where T : Resource
    {
        using var response = await SendAsync(HttpMethod.Get, reference, null, null, cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ParseAsync<T>(response, cancellationToken);
    }

    /// <summary>A resource by <c>Type/id</c> that the page cannot do without: absent or not visible is a 404 for the person too.</summary>
    public async Task<T> ReadRequiredAsync<T>(string reference, CancellationToken cancellationToken)
        where T : Resource =>
        await ReadAsync<T>(reference, cancellationToken) ?? throw new HubApiException(HttpStatusCode.NotFound, null);

    /// <summary>A search (<c>Task?owner=…</c>): the searchset Bundle, one page of at most <paramref name="count"/>.</summary>
    public async Task<Bundle> SearchAsync(string type, IEnumerable<KeyValuePair<string, string>> parameters, int count, CancellationToken cancellationToken)
    {
        var query = string.Join('&', parameters.Append(new("_count", count.ToString(CultureInfo.InvariantCulture)))
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        using var response = await SendAsync(HttpMethod.Get, $"{type}?{query}", null, null, cancellationToken);
        return await ParseAsync<Bundle>(response, cancellationToken);
    }

    public async Task<T> CreateAsync<T>(T resource, CancellationToken cancellationToken)
        where T : Resource
    {
        using var response = await SendAsync(HttpMethod.Post, resource.TypeName, resource, null, cancellationToken);
        return await ParseAsync<T>(response, cancellationToken);
    }

    /// <summary>Replaces a resource, with <c>If-Match</c> on the version it was read at (412 when someone changed it since).</summary>
    public async Task<T> UpdateAsync<T>(T resource, CancellationToken cancellationToken)
        where T : Resource
    {
        var version = resource.Meta?.VersionId ?? throw new InvalidOperationException("Only a resource read from the API can be updated.");
        using var response = await SendAsync(HttpMethod.Put, $"{resource.TypeName}/{resource.Id}", resource, version, cancellationToken);
        return await ParseAsync<T>(response, cancellationToken);
    }

    /// <summary>Invokes an operation that changes state (<c>Patient/{id}/$erase</c>) with its Parameters; answers its OperationOutcome.</summary>
    public async Task<OperationOutcome> InvokeAsync(string relative, Parameters parameters, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, relative, parameters, null, cancellationToken);
        return await ParseAsync<OperationOutcome>(response, cancellationToken);
    }

    /// <summary>A non-FHIR answer of an operation (the consent receipt), with its media type.</summary>
    public async Task<(byte[] Body, string MediaType)> GetDocumentAsync(string relative, string accept, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(HttpMethod.Get, relative, accept);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.MediaType ?? accept);
    }

    /// <summary>
    /// De-identified counts of my organisation's referrals by two dimensions (<c>GET /stats/referrals</c>, beside the
    /// FHIR base on the Gateway), small counts already suppressed by the API.
    /// </summary>
    public async Task<Dashboard.ReferralStatistics> ReferralStatisticsAsync(string first, string second, CancellationToken cancellationToken)
    {
        var by = Uri.EscapeDataString($"{first},{second}");
        using var request = await RequestAsync(HttpMethod.Get, $"../stats/referrals?scope=organization&by={by}", "application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return Dashboard.ReferralStatistics.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, Resource? body, string? ifMatch, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(method, relative, FhirJsonMediaType);
        if (body is not null)
        {
            request.Content = new StringContent(Serializer.SerializeToString(body), Encoding.UTF8, FhirJsonMediaType);
        }

        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{ifMatch}\"", isWeak: true));
        }

        var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound || method != HttpMethod.Get)
        {
            try
            {
                await EnsureSuccessAsync(response, cancellationToken);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        return response;
    }

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string relative, string accept)
    {
        var context = accessor.HttpContext ?? throw new InvalidOperationException("The FHIR API is called only while serving a signed-in person.");
        var token = await context.GetTokenAsync(WebAuthentication.CookieScheme, WebAuthentication.AccessTokenName)
            ?? throw new InvalidOperationException("The session holds no access token.");
        var request = new HttpRequestMessage(method, relative);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return request;
    }

    private static async System.Threading.Tasks.Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var diagnostics = await DiagnosticsAsync(response, cancellationToken);
        throw new HubApiException(response.StatusCode, diagnostics);
    }

    private static async Task<string?> DiagnosticsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = Deserializer.Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync(cancellationToken));
            return string.Join(" ", outcome.Issue.Select(i => i.Diagnostics ?? i.Details?.Text).OfType<string>());
        }
        catch (Exception ex) when (ex is DeserializationFailedException or FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task<T> ParseAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : Resource =>
        Deserializer.Deserialize<T>(await response.Content.ReadAsStringAsync(cancellationToken));
}
