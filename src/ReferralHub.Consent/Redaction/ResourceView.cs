using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Consent.Redaction;

/// <summary>A view built by one of the per-type views, with the data classes it contains.</summary>
internal sealed record ResourceView(Resource Resource, IReadOnlyList<string> DataClasses)
{
    public static ResourceView Of(Resource resource, IEnumerable<string> dataClasses)
    {
        var contained = dataClasses.ToHashSet(StringComparer.Ordinal);
        return new ResourceView(resource, HubVocabulary.DataClasses.Concepts.Select(c => c.Code).Where(contained.Contains).ToList());
    }
}
