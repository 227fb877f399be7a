using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Recalls;

/// <summary>
/// Opens the recalls a withdrawal owes: one per recipient that received data under the consent, covering all its
/// referrals under it, sent at once and again until acknowledged. Opening the same recall twice has no effect. An
/// erasure opens its notices here too, with the reason <see cref="ErasureNotice"/>.
/// </summary>
public sealed class RecallBook(RoutingDbContext db, IOptions<RecallOptions> options)
{
    /// <summary>
    /// The reason of a <c>survivor-erased</c> notice: a recipient owes one beside any recall of the same consent's data,
    /// since it asks for more (delete everything about her, not only stop using what the consent covered).
    /// </summary>
    public const string ErasureNotice = MessageEvent.SurvivorErased;

    public async Task OpenAsync(string consentId, IReadOnlyCollection<Referral> disclosed, string reason, CancellationToken cancellationToken)
    {
        var now = db.Clock.GetUtcNow();
        // A referral disclosed under the consent has its recipient; one the directory found nobody for was never disclosed.
        foreach (var byRecipient in disclosed.Where(r => r.RecipientOrganizationId is not null).GroupBy(r => r.RecipientOrganizationId!))
        {
            var recipient = byRecipient.Key;
            var erasure = reason == ErasureNotice;
            var known = await db.Recalls.AnyAsync(r => r.ConsentId == consentId && r.RecipientOrganizationId == recipient && (r.Reason == ErasureNotice) == erasure, cancellationToken)
                || db.Recalls.Local.Any(r => r.ConsentId == consentId && r.RecipientOrganizationId == recipient && (r.Reason == ErasureNotice) == erasure);
            if (known)
            {
                continue;
            }

            var first = byRecipient.First();
            var recall = new Recall
            {
                Id = Guid.NewGuid().ToString(),
                ConsentId = consentId,
                CustodianOrganizationId = first.RequesterOrganizationId,
                RecipientOrganizationId = recipient,
                PatientId = first.PatientId,
                TaskIds = string.Join(' ', byRecipient.Select(r => r.TaskId).Order(StringComparer.Ordinal)),
                Reason = reason,
                Attempts = 1,
                CreatedAt = now.UtcDateTime,
                NextAttemptAt = (now + options.Value.IntervalAfter(1)).UtcDateTime,
            };
            db.Recalls.Add(recall);
            db.Enqueue(Send(recall, now));
        }
    }

    public static SendRecall Send(Recall recall, DateTimeOffset at) => new(
        recall.Id,
        recall.ConsentId,
        recall.CustodianOrganizationId,
        recall.RecipientOrganizationId,
        recall.PatientId,
        recall.TaskIds.Split(' '),
        recall.Reason,
        recall.Attempts,
        at);
}
