using Hl7.Fhir.Model;

namespace ReferralHub.Consent.Tests.Redaction;

internal static class Labels
{
    public const string Confidentiality = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

    public static bool IsLabelledRedacted(Resource? resource) =>
        resource?.Meta?.Security.Any(s => s.System == "http://terminology.hl7.org/CodeSystem/v3-ObservationValue" && s.Code == "REDACTED") == true;

    /// <summary>The view's v3-Confidentiality code, or null when it has none or several.</summary>
    public static string? ConfidentialityOf(Resource? resource) =>
        resource?.Meta?.Security.Where(s => s.System == Confidentiality).Select(s => s.Code).SingleOrDefault();

    /// <summary>The view without its security labels, to compare it with its source.</summary>
    public static Resource WithoutLabels(Resource view)
    {
        var copy = (Resource)view.DeepCopy();
        copy.Meta = null;
        return copy;
    }
}
