using Hl7.Fhir.Model;

namespace ReferralHub.Consent.Tests.Redaction;

internal static class Labels
{
    public static bool IsLabelledRedacted(Resource? resource) =>
        resource?.Meta?.Security.Any(s => s.System == "http://terminology.hl7.org/CodeSystem/v3-ObservationValue" && s.Code == "REDACTED") == true;
}
