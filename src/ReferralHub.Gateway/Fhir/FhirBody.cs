using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ReferralHub.Gateway.Fhir;

public sealed class FhirOptions
{
    /// <summary>Largest request body accepted; larger ones answer 413 before they are parsed.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>Reads a request body as a FHIR resource: media type (415), size (413), JSON and FHIR syntax (400).</summary>
public sealed class FhirBody(IOptions<FhirOptions> options)
{
    public async Task<Resource> ReadAsync(HttpRequest request) => FhirJson.ParseInput(await ReadBytesAsync(request));

    /// <summary>The body's exact bytes, after the same media type and size checks, for what is verified before it is parsed.</summary>
    public async Task<ReadOnlyMemory<byte>> ReadBytesAsync(HttpRequest request)
    {
        if (!FhirMediaType.IsAcceptedBody(request.ContentType))
        {
            throw new FhirInputException(415, "Send the resource as application/fhir+json.");
        }

        var limit = options.Value.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            throw new FhirInputException(413, $"The body is larger than the {limit} bytes accepted.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new FhirInputException(413, $"The body is larger than the {limit} bytes accepted.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new FhirInputException(400, "The body is empty.");
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    public async Task<T> ReadAsync<T>(HttpRequest request)
        where T : Resource =>
        await ReadAsync(request) as T
        ?? throw new FhirInputException(400, $"The body must be a {ModelInfoName<T>()}.");

    private static string ModelInfoName<T>() => typeof(T).Name;
}
