using ProvisionType = Hl7.Fhir.Model.Consent.ConsentProvisionType;
using Rule = Hl7.Fhir.Model.Consent.provisionComponent;

namespace ReferralHub.Consent.Policy;

/// <summary>
/// Answers one question under one consent's provision tree. A rule applies only inside its ancestors' scope; an
/// applicable rule nested in another overrides it (exceptions refine their parent); of the applicable rules left,
/// any deny wins — separate branches never override one another. No applicable rule means deny.
/// </summary>
internal static class ProvisionTree
{
    public static Verdict Decide(Rule root, DisclosureQuestion question)
    {
        var deciding = DecidingRules(root, [], question).ToList();
        return deciding.Count == 0 ? Verdict.NoRuleApplies
            : deciding.Contains(Verdict.Deny) ? Verdict.Deny
            : Verdict.Permit;
    }

    /// <summary>The verdicts of the applicable rules in this subtree that no applicable rule nested in them overrides.</summary>
    private static List<Verdict> DecidingRules(Rule rule, Rule[] ancestors, DisclosureQuestion question)
    {
        Rule[] chain = [.. ancestors, rule];
        var fromExceptions = rule.Provision
            .Where(nested => nested is not null)
            .SelectMany(nested => DecidingRules(nested, chain, question))
            .ToList();
        if (fromExceptions.Count > 0)
        {
            return fromExceptions;
        }

        // A rule without a type is read as a deny: it cannot grant anything.
        var verdict = rule.Type == ProvisionType.Permit ? Verdict.Permit : Verdict.Deny;
        var applies = verdict == Verdict.Permit ? PermitApplies(chain, question) : DenyApplies(chain, question);
        return applies ? [verdict] : [];
    }

    /// <summary>
    /// Every rule on the path must certainly cover the question, and the path must name the recipient, the purpose
    /// and the class explicitly somewhere: a permit never reaches further than what was written.
    /// </summary>
    private static bool PermitApplies(Rule[] chain, DisclosureQuestion question)
    {
        var assessments = chain.Select(rule => RuleCriteria.Assess(rule, question, Reading.Certain)).ToList();
        return !assessments.Any(a => a.ExcludesQuestion)
            && assessments.Any(a => a.Actor == Coverage.Covers)
            && assessments.Any(a => a.Purpose == Coverage.Covers)
            && assessments.Any(a => a.DataClass == Coverage.Covers);
    }

    /// <summary>A deny's missing criteria mean "any": it applies unless some rule on the path certainly leaves the question out.</summary>
    private static bool DenyApplies(Rule[] chain, DisclosureQuestion question) =>
        !chain.Any(rule => RuleCriteria.Assess(rule, question, Reading.Possible).ExcludesQuestion);
}
