using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Disclosures;

/// <summary>
/// The recipient-facing read path: only redacted copies, only the caller's, and only while the survivor's consent
/// permits them at that moment (<see cref="DisclosurePermits"/>). Every way a copy leaves the hub — read, vread, search,
/// <c>_include</c>, the mailbox and the webhook and AMQP deliveries rendered from it — comes through here.
/// </summary>
public sealed class DisclosedResources(GatewayDbContext db, DisclosurePermits permits)
{
    public const string WithdrawnMessage = "The survivor's consent under which this data was disclosed has been withdrawn; it may no longer be used.";

    public const string ExpiredMessage = "The survivor's consent under which this data was disclosed has expired; it may no longer be used.";

    public const string NoLongerPermittedMessage =
        "The survivor's consent no longer permits this data to be shared with you; it may no longer be used. What the consent still permits, if anything, replaces it.";

    /// <summary>The caller's copy; 403 when the consent does not permit it now; null when the caller has no such copy.</summary>
    public async Task<Resource?> ReadAsync(string recipientOrganizationId, string type, string id, CancellationToken cancellationToken)
    {
        var row = await db.Disclosures.AsNoTracking().SingleOrDefaultAsync(
            d => d.ResourceType == type && d.Id == id && d.RecipientOrganizationId == recipientOrganizationId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        return await permits.StandingAsync(row, cancellationToken) switch
        {
            CopyStanding.Permitted => FhirJson.Parse<Resource>(row.Json),
            CopyStanding.Expired => throw Refused(ExpiredMessage),
            CopyStanding.NoLongerPermitted => throw Refused(NoLongerPermittedMessage),
            _ => throw Refused(WithdrawnMessage),
        };
    }

    /// <summary>The caller's copy of a type with this <paramref name="id"/>, if it may be served now.</summary>
    public Task<IReadOnlyList<Disclosure>> ReadableAsync(string recipientOrganizationId, string type, string id, CancellationToken cancellationToken) =>
        ReadableAsync(recipientOrganizationId, type, rows => rows.Where(d => d.Id == id), cancellationToken);

    /// <summary>
    /// The caller's copies of a type that <paramref name="narrow"/> keeps, in the database (a feed's <c>_lastUpdated</c>,
    /// say), and that may be served now.
    /// </summary>
    public async Task<IReadOnlyList<Disclosure>> ReadableAsync(
        string recipientOrganizationId, string type, Func<IQueryable<Disclosure>, IQueryable<Disclosure>> narrow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(narrow);
        var rows = await narrow(db.Disclosures.AsNoTracking()
                .Where(d => d.RecipientOrganizationId == recipientOrganizationId && d.ResourceType == type && d.WithdrawnAt == null))
            .ToListAsync(cancellationToken);
        return await permits.PermittedAsync(rows, cancellationToken);
    }

    /// <summary>Recipient ids read ahead for a page of results (<see cref="ReadLocalIdsAheadAsync"/>), absent ones as null.</summary>
    private readonly Dictionary<(string Recipient, string Type, string SourceId), string?> readAhead = [];

    /// <summary>The id this recipient knows a source resource by, if it was ever disclosed to it.</summary>
    public async Task<string?> LocalIdAsync(string recipientOrganizationId, string type, string sourceId, CancellationToken cancellationToken) =>
        readAhead.TryGetValue((recipientOrganizationId, type, sourceId), out var known)
            ? known
            : (await db.RecipientIds.AsNoTracking().SingleOrDefaultAsync(
                r => r.RecipientOrganizationId == recipientOrganizationId && r.ResourceType == type && r.SourceId == sourceId, cancellationToken))?.LocalId;

    /// <summary>
    /// Reads in one query the ids this recipient knows the sources by, for the <see cref="LocalIdAsync"/> calls that
    /// follow in this request: a page of 200 Tasks would otherwise take 400 queries.
    /// </summary>
    public async System.Threading.Tasks.Task ReadLocalIdsAheadAsync(string recipientOrganizationId, IEnumerable<(string Type, string SourceId)> sources, CancellationToken cancellationToken)
    {
        var wanted = sources.Where(s => !readAhead.ContainsKey((recipientOrganizationId, s.Type, s.SourceId))).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        // Every column of the key is constrained, so the look-up walks the key's index.
        var types = wanted.Select(s => s.Type).Distinct().ToList();
        var sourceIds = wanted.Select(s => s.SourceId).Distinct().ToList();
        var found = await db.RecipientIds.AsNoTracking()
            .Where(r => r.RecipientOrganizationId == recipientOrganizationId && types.Contains(r.ResourceType) && sourceIds.Contains(r.SourceId))
            .ToListAsync(cancellationToken);
        var byKey = found.ToDictionary(r => (r.ResourceType, r.SourceId), r => r.LocalId);
        foreach (var (type, sourceId) in wanted)
        {
            readAhead[(recipientOrganizationId, type, sourceId)] = byKey.GetValueOrDefault((type, sourceId));
        }
    }

    /// <summary>The source id behind a recipient's local id, if any.</summary>
    public async Task<string?> SourceIdAsync(string recipientOrganizationId, string type, string localId, CancellationToken cancellationToken) =>
        (await db.RecipientIds.AsNoTracking().SingleOrDefaultAsync(
            r => r.RecipientOrganizationId == recipientOrganizationId && r.ResourceType == type && r.LocalId == localId, cancellationToken))?.SourceId;

    private static FhirInputException Refused(string message) => new(403, message) { IssueCode = "suppressed" };
}
