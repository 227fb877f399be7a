using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ReferralHub.Gateway.Fhir;

/// <summary>The one way the Gateway reads and writes FHIR JSON.</summary>
public static class FhirJson
{
    /// <summary>Deeper than any resource the hub accepts; bounds parser work on hostile input.</summary>
    public const int MaxDepth = 64;

    private static readonly FhirJsonDeserializer Deserializer = new();

    private static readonly FhirJsonSerializer Serializer = new();

    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource);

    /// <summary>Parses a resource the hub itself stored.</summary>
    public static T Parse<T>(string json)
        where T : Resource => Deserializer.Deserialize<T>(json);

    /// <summary>
    /// Parses client input: first as plain JSON with a depth limit (so deep nesting is a 400, not a stack overflow),
    /// then as FHIR. Throws <see cref="FhirInputException"/> with the issues on failure.
    /// </summary>
    public static Resource ParseInput(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var _ = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            throw new FhirInputException(400, ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"The JSON is nested deeper than {MaxDepth} levels."
                : "The body is not well-formed JSON.");
        }

        try
        {
            var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = MaxDepth });
            return Deserializer.DeserializeResource(ref reader);
        }
        catch (DeserializationFailedException ex)
        {
            var issues = ex.Exceptions.Select(e => e.Message).Take(20).ToList();
            throw new FhirInputException(400, "The body is not a valid FHIR R4 resource.", issues);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new FhirInputException(400, "The body is not a valid FHIR R4 resource.");
        }
    }
}
