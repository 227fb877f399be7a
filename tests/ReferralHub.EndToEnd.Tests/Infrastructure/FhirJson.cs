using Hl7.Fhir.Serialization;

namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>FHIR JSON in and out of the tests (Firely SDK 6 serializers).</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    /// <summary>Lenient parsing of what the hub returns: the tests assert on content; validity is the validation test's job.</summary>
    private static readonly FhirJsonDeserializer Lenient = FhirJsonDeserializer.OSTRICH;

    private static readonly FhirJsonSerializer Serializer = new();

    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource);

    public static Resource Parse(string json) => Lenient.DeserializeResource(json);

    /// <summary>Parses with the default (strict-ish) settings and reports every problem instead of throwing.</summary>
    public static (Resource? Resource, IReadOnlyList<string> Problems) ParseStrictly(string json)
    {
        try
        {
            return (FhirJsonDeserializer.DEFAULT.DeserializeResource(json), []);
        }
        catch (DeserializationFailedException failure)
        {
            return (failure.PartialResult as Resource, failure.Exceptions.Select(exception => exception.Message).ToArray());
        }
    }

    public static StringContent Content(Resource resource) => new(Serialize(resource), System.Text.Encoding.UTF8, MediaType);
}
