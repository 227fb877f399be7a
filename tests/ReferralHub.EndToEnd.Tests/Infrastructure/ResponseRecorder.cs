using System.Collections.Concurrent;
using System.Net;

namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>One HTTP exchange with the hub, seen from the organisation (or "anonymous") that made it.</summary>
public sealed record RecordedExchange(string Caller, string Method, Uri Uri, HttpStatusCode Status, string? MediaType, string Body)
{
    public override string ToString() => $"{Caller}: {Method} {Uri.PathAndQuery} -> {(int)Status}";
}

/// <summary>Every response the hub sent to the test clients of one hub process, in order.</summary>
public sealed class ResponseRecorder
{
    private readonly ConcurrentQueue<RecordedExchange> exchanges = new();

    public IReadOnlyCollection<RecordedExchange> Exchanges => exchanges.ToArray();

    public void Add(RecordedExchange exchange) => exchanges.Enqueue(exchange);

    /// <summary>The responses received by one organisation.</summary>
    public IEnumerable<RecordedExchange> ReceivedBy(string caller) => Exchanges.Where(exchange => exchange.Caller == caller);
}

/// <summary>Buffers and records every response body that passes through.</summary>
public sealed class RecordingHandler(ResponseRecorder recorder, string caller) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        recorder.Add(new RecordedExchange(caller, request.Method.Method, request.RequestUri!, response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
        return response;
    }
}

/// <summary>Adds the organisation's bearer token to each request that has none.</summary>
public sealed class BearerTokenHandler(Func<CancellationToken, Task<string>> token) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await token(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
