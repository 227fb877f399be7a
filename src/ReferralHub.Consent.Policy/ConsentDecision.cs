using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Consent.Policy;

/// <summary>
/// The outcome of <see cref="ConsentEvaluator.Evaluate"/> for one recipient, purpose and moment.
/// </summary>
/// <param name="ConsentId">The id of the governing consent; null when no consent permits <c>referral</c>.</param>
/// <param name="PermittedClasses">The data classes the governing consent permits; empty when denied.</param>
/// <param name="Reason">Plain language, ids and codes only: never personal data.</param>
/// <param name="Classes">One decision per data-class code of the CodeSystem, in its order.</param>
public sealed record ConsentDecision(string? ConsentId, IReadOnlySet<string> PermittedClasses, string Reason, IReadOnlyList<ClassDecision> Classes)
{
    public bool PermitsReferral => Permits(DataClass.Referral);

    public bool Permits(string dataClass) => PermittedClasses.Contains(dataClass);
}
