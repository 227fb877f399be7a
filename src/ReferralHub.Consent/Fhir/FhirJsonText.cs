using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ReferralHub.Consent.Fhir;

public static class FhirJsonText
{
    private static readonly FhirJsonSerializer Serializer = new();

    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource);
}
