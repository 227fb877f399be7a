using Hl7.Fhir.Utility;
using ReferralHub.Consent.Policy;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Consent.Receipts;

/// <summary>
/// States what one consent permits by asking the <see cref="ConsentEvaluator"/> — the hub's only reading of consent —
/// every question the provision tree names: each recipient organisation, each purpose, in each stretch of time between
/// two period boundaries. Consecutive stretches with the same answer become one grant.
/// </summary>
/// <remarks>Pure: no I/O, no logging.</remarks>
public sealed class ConsentDescriber(ConsentEvaluator evaluator)
{
    public ConsentDescribed Describe(FhirConsent consent, string patientId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var outline = ProvisionOutline.Of(consent.Provision);
        var moments = Stretches(outline.Boundaries, at);
        var grants = new List<ConsentGrant>();
        foreach (var recipient in outline.RecipientOrganizationIds)
        {
            foreach (var purpose in outline.Purposes)
            {
                grants.AddRange(GrantsFor(consent, patientId, recipient, purpose, moments));
            }
        }

        var granted = grants.SelectMany(grant => grant.DataClasses).ToHashSet(StringComparer.Ordinal);
        var excluded = HubVocabulary.DataClasses.Concepts.Select(concept => concept.Code).Where(code => !granted.Contains(code)).ToList();
        return new ConsentDescribed(consent.Id ?? "", consent.Status?.GetLiteral() ?? "unknown", grants, excluded);
    }

    private IEnumerable<ConsentGrant> GrantsFor(FhirConsent consent, string patientId, string recipient, string purpose, IReadOnlyList<Stretch> stretches)
    {
        ConsentGrant? open = null;
        foreach (var stretch in stretches)
        {
            var decision = evaluator.Evaluate([consent], patientId, recipient, purpose, stretch.Probe);
            IReadOnlyList<string> classes = decision.PermitsReferral
                ? decision.Classes.Where(c => c.Permitted).Select(c => c.DataClass).ToList()
                : [];
            if (open is not null && open.DataClasses.SequenceEqual(classes, StringComparer.Ordinal))
            {
                open = open with { Until = stretch.Until };
                continue;
            }

            if (open is not null)
            {
                yield return open;
            }

            open = classes.Count > 0 ? new ConsentGrant(recipient, purpose, classes, stretch.From, stretch.Until) : null;
        }

        if (open is not null)
        {
            yield return open;
        }
    }

    /// <summary>
    /// The stretches between consecutive boundaries, each with a moment inside it. Periods only change at boundaries, so
    /// the evaluator's answer at that moment holds for the whole stretch.
    /// </summary>
    private static List<Stretch> Stretches(IReadOnlyList<DateTimeOffset> boundaries, DateTimeOffset at)
    {
        if (boundaries.Count == 0)
        {
            return [new Stretch(null, null, at)];
        }

        var stretches = new List<Stretch>();
        if (boundaries[0] > DateTimeOffset.MinValue)
        {
            stretches.Add(new Stretch(null, boundaries[0], boundaries[0].AddTicks(-1)));
        }

        for (var index = 0; index < boundaries.Count; index++)
        {
            var until = index + 1 < boundaries.Count ? boundaries[index + 1] : (DateTimeOffset?)null;
            stretches.Add(new Stretch(boundaries[index], until, boundaries[index]));
        }

        return stretches;
    }

    private sealed record Stretch(DateTimeOffset? From, DateTimeOffset? Until, DateTimeOffset Probe);
}
