using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using Rule = Hl7.Fhir.Model.Consent.provisionComponent;

namespace ReferralHub.Consent.Policy;

/// <summary>Reads one provision rule's own criteria against a question (ancestors are the tree's business).</summary>
internal static class RuleCriteria
{
    public static RuleAssessment Assess(Rule rule, DisclosureQuestion question, Reading reading) => new(
        Actor(rule, question.RecipientOrganizationId, reading),
        Coded(rule.Purpose, HubVocabulary.Purposes, question.Purpose, reading),
        Coded(rule.Class, HubVocabulary.DataClasses, question.DataClass, reading),
        Period(rule.Period, question.At, reading),
        Restrictions(rule, reading));

    private static Coverage Actor(Rule rule, string recipientOrganizationId, Reading reading)
    {
        if (rule.Actor.Count == 0)
        {
            return Coverage.NotStated;
        }

        var recipient = $"Organization/{recipientOrganizationId}";
        var covers = reading == Reading.Certain
            ? rule.Actor.Any(actor => actor is not null && actor.ModifierExtension.Count == 0
                && actor.Reference?.Reference == recipient && IsInformationRecipient(actor.Role))
            // Any role counts for a deny, and so does an actor we cannot identify: it might be the recipient.
            : rule.Actor.Any(actor => actor?.Reference?.Reference is not { Length: > 0 } reference || MightName(reference, recipient));
        return covers ? Coverage.Covers : Coverage.Excludes;
    }

    private static bool IsInformationRecipient(CodeableConcept? role) =>
        role?.Coding.Any(c => c?.System == ConsentTerminology.ParticipationTypeSystem && c.Code == ConsentTerminology.InformationRecipient) == true;

    /// <summary>Also an absolute or versioned reference to the recipient: a deny must not be escaped by spelling.</summary>
    private static bool MightName(string reference, string recipient) =>
        reference == recipient
        || reference.EndsWith($"/{recipient}", StringComparison.Ordinal)
        || reference.Contains($"{recipient}/_history/", StringComparison.Ordinal);

    private static Coverage Coded(List<Coding> codings, HubCodeSystem codeSystem, string code, Reading reading)
    {
        if (codings.Count == 0)
        {
            return Coverage.NotStated;
        }

        if (codeSystem.Contains(code) && codings.Any(c => c?.System == codeSystem.Url && c.Code == code))
        {
            return Coverage.Covers;
        }

        // A deny naming something outside the hub's vocabulary cannot be shown not to cover the question.
        var possiblyCovers = reading == Reading.Possible && codings.Any(c => c is null || c.System != codeSystem.Url || !codeSystem.Contains(c.Code));
        return possiblyCovers ? Coverage.Covers : Coverage.Excludes;
    }

    private static Coverage Period(Period? period, DateTimeOffset at, Reading reading)
    {
        if (period is null)
        {
            return Coverage.NotStated;
        }

        if (period.TryGetRange(TimeZoneInfo.Utc, out var range))
        {
            return range.Contains(at) ? Coverage.Covers : Coverage.Excludes;
        }

        // An unreadable period (invalid value, end before start, no bound at all).
        return reading == Reading.Possible ? Coverage.Covers : Coverage.Excludes;
    }

    /// <summary>
    /// Criteria the hub does not model narrow a rule in ways it cannot judge: a permit carrying them does not apply;
    /// a deny carrying them applies as if they were absent. An <c>action</c> list must include <c>disclose</c> for a permit.
    /// </summary>
    private static Coverage Restrictions(Rule rule, Reading reading)
    {
        if (reading == Reading.Possible)
        {
            return Coverage.NotStated;
        }

        var unmodelled = rule.ModifierExtension.Count > 0 || rule.SecurityLabel.Count > 0 || rule.Code.Count > 0
            || rule.DataPeriod is not null || rule.Data.Count > 0;
        var withoutDisclosure = rule.Action.Count > 0 && !rule.Action.Any(a =>
            a?.Coding.Any(c => c?.System == ConsentTerminology.ConsentActionSystem && c.Code == ConsentTerminology.Disclose) == true);
        return unmodelled || withoutDisclosure ? Coverage.Excludes : Coverage.NotStated;
    }
}
