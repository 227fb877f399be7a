using Microsoft.EntityFrameworkCore;
using ReferralHub.Consent.Policy;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Gateway.Disclosures;

/// <summary>
/// Whether the survivor's consent permits a recipient's copy <b>now</b>: decided when the copy is served, from the
/// consents in the Gateway's own store, with the evaluator the Consent service decides disclosures with. A copy is
/// served only while the consent it was disclosed under still governs what its recipient may receive for its purpose,
/// and permits every data class the copy holds, and the copy was not stopped. Everything else fails closed: a
/// narrowing, a withdrawal or the end of a consent's period takes effect at that moment, whether or not the Consent
/// service, Routing or the broker have heard of it.
/// </summary>
public sealed class DisclosurePermits(GatewayDbContext db, ConsentEvaluator evaluator)
{
    /// <summary>The survivors' consents that count: those their own custodian recorded.</summary>
    private static readonly PrecompiledQuery<Func<GatewayDbContext, List<string>, IAsyncEnumerable<StoredResource>>> ConsentsOf = new(() => EF.CompileAsyncQuery(
        (GatewayDbContext db, List<string> patientIds) =>
            from consent in db.Resources.AsNoTracking()
            join patient in db.Resources.AsNoTracking() on consent.PatientId equals patient.Id
            where consent.ResourceType == "Consent" && patient.ResourceType == "Patient"
                && consent.PatientId != null && patientIds.Contains(consent.PatientId)
                && consent.OwnerOrganizationId == patient.OwnerOrganizationId
            select consent));

    /// <summary>Where one copy stands now.</summary>
    public async Task<CopyStanding> StandingAsync(Disclosure copy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copy);
        return (await JudgeAsync([copy.PatientId], cancellationToken)).Standing(copy);
    }

    /// <summary>The copies that may be served now, in their order.</summary>
    public async Task<IReadOnlyList<Disclosure>> PermittedAsync(IReadOnlyCollection<Disclosure> copies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copies);
        if (copies.Count == 0)
        {
            return [];
        }

        var judge = await JudgeAsync(copies.Select(c => c.PatientId), cancellationToken);
        return copies.Where(c => judge.Standing(c) == CopyStanding.Permitted).ToList();
    }

    /// <summary>
    /// What the survivor's consents permit a recipient for a purpose now, per data class: the decision a disclosure, and
    /// the serving of its copy, would get at this moment.
    /// </summary>
    public async Task<ConsentDecision> DecideAsync(string patientId, string recipientOrganizationId, string purpose, CancellationToken cancellationToken) =>
        (await JudgeAsync([patientId], cancellationToken)).Decide(patientId, recipientOrganizationId, purpose);

    /// <summary>
    /// Of these (survivor, recipient) pairs, those whose survivor's consent permits <c>referral</c> to that recipient for
    /// the purpose now, decided as a disclosure would be: for counting them in statistics.
    /// </summary>
    public async Task<IReadOnlySet<(string PatientId, string RecipientOrganizationId)>> PermittedForAsync(
        IReadOnlyCollection<(string PatientId, string RecipientOrganizationId)> pairs, string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            return new HashSet<(string, string)>();
        }

        var judge = await JudgeAsync(pairs.Select(p => p.PatientId), cancellationToken);
        return pairs.Where(p => judge.Decide(p.PatientId, p.RecipientOrganizationId, purpose).PermitsReferral).ToHashSet();
    }

    /// <summary>
    /// Whether a decision may still be stored: it was made on the survivor's current consents (every one, at its current
    /// version), and they permit what it discloses now. A decision made on older versions, or overtaken by a period's end,
    /// is stale.
    /// </summary>
    public async Task<bool> IsCurrentAsync(DisclosureApproved decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var judge = await JudgeAsync([decision.PatientId], cancellationToken);
        var current = judge.Versions(decision.PatientId).ToHashSet();
        if (!current.SetEquals(decision.DecidedOn ?? []))
        {
            return false;
        }

        var now = judge.Decide(decision.PatientId, decision.RecipientOrganizationId, decision.Purpose);
        return now.ConsentId == decision.ConsentId && decision.Resources.All(r => r.DataClasses.Count > 0 && r.DataClasses.All(now.Permits));
    }

    /// <summary>Reads the survivors' consents once; each (survivor, recipient, purpose) is then decided once, at one moment.</summary>
    private async Task<Judge> JudgeAsync(IEnumerable<string> patientIds, CancellationToken cancellationToken)
    {
        var rows = await ConsentsOf.For(db)(db, patientIds.Distinct().ToList()).ToListAsync(cancellationToken);
        return new Judge(evaluator, rows, db.Clock.GetUtcNow());
    }

    private sealed class Judge(ConsentEvaluator evaluator, IReadOnlyList<StoredResource> rows, DateTimeOffset now)
    {
        private readonly Dictionary<string, IReadOnlyList<FhirConsent>> consents = rows
            .GroupBy(r => r.PatientId!)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<FhirConsent>)g.Select(r => FhirJson.Parse<FhirConsent>(r.Json)).ToList());

        private readonly Dictionary<(string Patient, string Recipient, string Purpose), ConsentDecision> decisions = [];

        public IEnumerable<ConsentVersionRef> Versions(string patientId) =>
            rows.Where(r => r.PatientId == patientId).Select(r => new ConsentVersionRef(r.Id, r.VersionId));

        public ConsentDecision Decide(string patientId, string recipient, string purpose)
        {
            if (!decisions.TryGetValue((patientId, recipient, purpose), out var decision))
            {
                decision = evaluator.Evaluate(consents.GetValueOrDefault(patientId) ?? [], patientId, recipient, purpose, now);
                decisions[(patientId, recipient, purpose)] = decision;
            }

            return decision;
        }

        public CopyStanding Standing(Disclosure copy)
        {
            var decision = Decide(copy.PatientId, copy.RecipientOrganizationId, copy.Purpose);
            var classes = copy.DataClasses.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (copy.WithdrawnAt is null && decision.ConsentId == copy.ConsentId && classes.Length > 0 && classes.All(decision.Permits))
            {
                return CopyStanding.Permitted;
            }

            var consent = consents.GetValueOrDefault(copy.PatientId)?.FirstOrDefault(c => c.Id == copy.ConsentId);
            if (consent?.Status != FhirConsent.ConsentState.Active)
            {
                return CopyStanding.Withdrawn;
            }

            return ConsentTimeline.ExpiresAt(consent) <= now ? CopyStanding.Expired : CopyStanding.NoLongerPermitted;
        }
    }
}

/// <summary>Whether a recipient's copy may be served now, and if not, why.</summary>
public enum CopyStanding
{
    Permitted,

    /// <summary>The consent it was disclosed under is no longer active.</summary>
    Withdrawn,

    /// <summary>The consent's period has ended.</summary>
    Expired,

    /// <summary>The consent stands but no longer permits this copy to its recipient (a revision, a period of a rule, another consent).</summary>
    NoLongerPermitted,
}
