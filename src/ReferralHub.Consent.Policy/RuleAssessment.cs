namespace ReferralHub.Consent.Policy;

/// <summary>How each criterion of one rule relates to a question, under one <see cref="Reading"/>.</summary>
internal sealed record RuleAssessment(Coverage Actor, Coverage Purpose, Coverage DataClass, Coverage Period, Coverage Restrictions)
{
    public bool ExcludesQuestion =>
        Actor == Coverage.Excludes || Purpose == Coverage.Excludes || DataClass == Coverage.Excludes
        || Period == Coverage.Excludes || Restrictions == Coverage.Excludes;
}
