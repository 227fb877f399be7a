using System.Net.Http.Headers;
using Hl7.Fhir.Rest;

namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One organisation's connection to the hub: a Firely <see cref="FhirClient"/> for reads, searches, updates and
/// transactions, and raw HTTP for the cases where status codes and headers are the point. Every response is recorded.
/// </summary>
public sealed class HubClient : IDisposable
{
    public const string Anonymous = "anonymous";

    private HubClient(string caller, Uri hubRoot, HttpMessageHandler handler)
    {
        Caller = caller;
        Http = new HttpClient(handler) { BaseAddress = hubRoot, Timeout = TimeSpan.FromMinutes(2) };
        FhirBase = new Uri(hubRoot, "fhir/");
        Fhir = new FhirClient(FhirBase.ToString().TrimEnd('/'), Http, new FhirClientSettings
        {
            PreferredFormat = ResourceFormat.Json,
            VerifyFhirVersion = false,
            ReturnPreference = ReturnPreference.Representation,
        });
        Fhir.WithOstrichModeSerializer();
    }

    /// <summary>The organisation id, or <see cref="Anonymous"/>.</summary>
    public string Caller { get; }

    /// <summary>Raw HTTP to the hub root (<c>connect/token</c>, <c>fhir/…</c>), with the bearer token added.</summary>
    public HttpClient Http { get; }

    public Uri FhirBase { get; }

    public FhirClient Fhir { get; }

    /// <summary>A client acting for a demo organisation with its demo secret.</summary>
    public static HubClient For(string organization, Uri hubRoot, TokenSource tokens, ResponseRecorder recorder) =>
        new(organization, hubRoot, new BearerTokenHandler(cancellationToken => tokens.GetAsync(organization, cancellationToken))
        {
            InnerHandler = new RecordingHandler(recorder, organization) { InnerHandler = new SocketsHttpHandler() },
        });

    /// <summary>A client acting with a signed-in person's access token (its caller is the person's user name).</summary>
    public static HubClient ForPerson(PersonSignIn person, Uri hubRoot, ResponseRecorder recorder) =>
        WithAccessToken(person.UserName, person.AccessToken, hubRoot, recorder);

    /// <summary>A client that sends the one access token it was given (e.g. with fewer scopes than its client may have).</summary>
    public static HubClient WithAccessToken(string caller, string accessToken, Uri hubRoot, ResponseRecorder recorder) =>
        new(caller, hubRoot, new BearerTokenHandler(_ => Task.FromResult(accessToken))
        {
            InnerHandler = new RecordingHandler(recorder, caller) { InnerHandler = new SocketsHttpHandler() },
        });

    /// <summary>A client that sends no token.</summary>
    public static HubClient WithoutToken(Uri hubRoot, ResponseRecorder recorder) =>
        new(Anonymous, hubRoot, new RecordingHandler(recorder, Anonymous) { InnerHandler = new SocketsHttpHandler() });

    /// <summary>Sends a request to <c>/fhir/{path}</c> (or to an absolute URL) and returns the raw answer.</summary>
    public async Task<HubResponse> SendAsync(HttpMethod method, string path, HttpContent? content = null, Action<HttpRequestMessage>? configure = null)
    {
        var uri = Uri.TryCreate(path, UriKind.Absolute, out var absolute) ? absolute : new Uri(FhirBase, path.TrimStart('/'));
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirJson.MediaType));
        configure?.Invoke(request);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new HubResponse(method.Method, uri, response.StatusCode, response.Headers, response.Content.Headers, body);
    }

    public Task<HubResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<HubResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public Task<HubResponse> PostAsync(string path, Resource resource) => SendAsync(HttpMethod.Post, path, FhirJson.Content(resource));

    /// <summary><c>PUT</c> with an optional <c>If-Match</c> header sent exactly as given (e.g. <c>W/"1"</c>).</summary>
    public Task<HubResponse> PutAsync(string path, Resource resource, string? ifMatch) =>
        SendAsync(HttpMethod.Put, path, FhirJson.Content(resource), request =>
        {
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }
        });

    /// <summary>Runs a search and follows <c>next</c> links (at most <paramref name="maxPages"/> pages); returns every page.</summary>
    public async Task<IReadOnlyList<HubResponse>> SearchAllPagesAsync(string query, int maxPages = 20)
    {
        var pages = new List<HubResponse>();
        string? next = query;
        while (next is not null && pages.Count < maxPages)
        {
            var page = await GetAsync(next);
            pages.Add(page);
            next = page.Status == System.Net.HttpStatusCode.OK && page.Resource is Bundle bundle
                ? bundle.Link.FirstOrDefault(link => link.Relation == "next")?.Url
                : null;
        }

        return pages;
    }

    public void Dispose()
    {
        Fhir.Dispose();
        Http.Dispose();
    }
}
