using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Web.Fhir;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Web.Consents;

/// <summary>What a consent permits, per recipient: read from its provision tree's permits.</summary>
public sealed record ConsentSummary(string Id, string Status, DateTimeOffset? Recorded, string? Ends, IReadOnlyList<ConsentPermit> Permits)
{
    public bool IsActive => Status == "active";

    public static ConsentSummary From(FhirConsent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var permits = consent.Provision is null ? [] : PermitsOf(consent.Provision).ToList();
        var recorded = consent.DateTimeElement?.ToDateTimeOffset(TimeSpan.Zero);
        return new ConsentSummary(consent.Id ?? string.Empty, consent.Status?.GetLiteral() ?? "unknown", recorded, consent.Provision?.Period?.End, permits);
    }

    private static IEnumerable<ConsentPermit> PermitsOf(FhirConsent.provisionComponent rule)
    {
        foreach (var nested in rule.Provision)
        {
            if (nested.Type == FhirConsent.ConsentProvisionType.Permit)
            {
                yield return new ConsentPermit(
                    [.. nested.Actor.Select(a => FhirCodes.IdOf(a.Reference, "Organization")).OfType<string>()],
                    [.. nested.Purpose.Where(p => p.System == HubVocabulary.Purposes.Url).Select(p => p.Code).OfType<string>()],
                    [.. nested.Class.Where(c => c.System == HubVocabulary.DataClasses.Url).Select(c => c.Code).OfType<string>()]);
            }

            foreach (var deeper in PermitsOf(nested))
            {
                yield return deeper;
            }
        }
    }
}

/// <summary>One permit: to these organisations, for these purposes, these data classes.</summary>
public sealed record ConsentPermit(IReadOnlyList<string> Recipients, IReadOnlyList<string> Purposes, IReadOnlyList<string> DataClasses);
