using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit.Sdk;

namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>A raw answer of the hub: status, headers and body, with the body parsed as FHIR on demand.</summary>
public sealed class HubResponse(string method, Uri uri, HttpStatusCode status, HttpResponseHeaders headers, HttpContentHeaders contentHeaders, string body)
{
    private Resource? parsed;

    public string Method { get; } = method;

    public Uri Uri { get; } = uri;

    public HttpStatusCode Status { get; } = status;

    public HttpResponseHeaders Headers { get; } = headers;

    public HttpContentHeaders ContentHeaders { get; } = contentHeaders;

    public string Body { get; } = body;

    /// <summary>The ETag header as sent, e.g. <c>W/"2"</c>.</summary>
    public string? ETag => Headers.ETag?.ToString();

    /// <summary>The <c>resourceType</c> of the JSON body, or null when the body is not a JSON object with one.</summary>
    public string? ResourceType
    {
        get
        {
            try
            {
                using var document = JsonDocument.Parse(Body);
                return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("resourceType", out var type)
                    ? type.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    public Resource Resource => parsed ??= ResourceType is not null
        ? FhirJson.Parse(Body)
        : throw new XunitException($"Expected a FHIR resource in the body of {Describe()}");

    public T As<T>()
        where T : Resource =>
        Resource as T ?? throw new XunitException($"Expected a {typeof(T).Name} in the body of {Describe()}");

    public string Describe()
    {
        var shown = Body.Length > 1500 ? Body[..1500] + "…" : Body;
        return $"{Method} {Uri.PathAndQuery} -> {(int)Status} {Status}: {shown}";
    }

    /// <summary>Asserts the status and that the body is an OperationOutcome (every error of DESIGN §5 is one).</summary>
    public OperationOutcome ShouldBeOutcome(HttpStatusCode expected, string why)
    {
        ShouldBe(expected, why);
        if (ResourceType != "OperationOutcome")
        {
            throw new XunitException($"{why}: expected an OperationOutcome body with the {(int)expected}, got {Describe()}");
        }

        return As<OperationOutcome>();
    }

    public HubResponse ShouldBe(HttpStatusCode expected, string why)
    {
        if (Status != expected)
        {
            throw new XunitException($"{why}: expected {(int)expected} {expected}, got {Describe()}");
        }

        return this;
    }
}
