using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ReferralHub.Consent.Fhir;

/// <summary>The one way the Consent service reads and writes the FHIR JSON that travels in messages.</summary>
public static class FhirJsonText
{
    private static readonly FhirJsonSerializer Serializer = new();

    private static readonly FhirJsonDeserializer Deserializer = new();

    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource);

    public static T Parse<T>(string json)
        where T : Resource => Deserializer.Deserialize<T>(json);

    public static Resource ParseResource(string json) => Deserializer.DeserializeResource(json);
}
