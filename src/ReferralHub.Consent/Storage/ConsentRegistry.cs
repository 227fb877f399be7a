using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Consent.Fhir;
using ReferralHub.Consent.Policy;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging;
using ReferralHub.Messaging.Erasure;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Consent.Storage;

/// <summary>Consent's own record of every survivor's consents, kept at their newest version.</summary>
public sealed class ConsentRegistry(ConsentDbContext db, HubKeyring keyring)
{
    private static readonly PrecompiledQuery<Func<ConsentDbContext, string, CancellationToken, Task<bool>>> IsErased = new(() => EF.CompileAsyncQuery(
        (ConsentDbContext db, string patientId, CancellationToken _) => db.ErasedSurvivors.Any(e => e.PatientId == patientId)));

    private static readonly PrecompiledQuery<Func<ConsentDbContext, string, CancellationToken, Task<StoredConsent?>>> StoredConsentById = new(() => EF.CompileAsyncQuery(
        (ConsentDbContext db, string consentId, CancellationToken _) => db.Consents.SingleOrDefault(c => c.Id == consentId)));

    private static readonly PrecompiledQuery<Func<ConsentDbContext, string, string, IAsyncEnumerable<StoredConsent>>> StoredConsentsOf = new(() => EF.CompileAsyncQuery(
        (ConsentDbContext db, string patientId, string custodianOrganizationId) =>
            db.Consents.AsNoTracking().Where(c => c.PatientId == patientId && c.CustodianOrganizationId == custodianOrganizationId)));

    /// <summary>
    /// Records a version if it is newer than what is known, whichever message brought it, and announces what the
    /// change means: a consent that stops being active is withdrawn for the whole hub; a new or revised active consent
    /// may change what recipients already hold, so their deliveries are reviewed (within <paramref name="scope"/>).
    /// </summary>
    public async System.Threading.Tasks.Task RecordAsync(ConsentVersion message, ReviewScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await db.TakeSurvivorTurnAsync(message.PatientId, cancellationToken);
        if (await IsErased.For(db)(db, message.PatientId, cancellationToken))
        {
            // News of a consent that crossed her erasure on the bus: nothing of an erased survivor is kept again.
            return;
        }

        var version = Open(message);
        await KeepKeyAsync(message, cancellationToken);
        var consent = FhirJsonText.Parse<Hl7.Fhir.Model.Consent>(version.Json);
        var status = consent.Status?.GetLiteral() ?? "draft";
        var now = db.Clock.GetUtcNow();
        var nextChangeAt = status == "active" ? ConsentTimeline.NextChange(consent, now)?.UtcDateTime : null;
        var existing = await StoredConsentById.For(db)(db, version.ConsentId, cancellationToken)
            ?? db.Consents.Local.SingleOrDefault(c => c.Id == version.ConsentId);
        if (existing is null)
        {
            existing = new StoredConsent
            {
                Id = version.ConsentId,
                Version = version.Version,
                CustodianOrganizationId = version.CustodianOrganizationId,
                PatientId = version.PatientId,
                Status = status,
                Json = version.Json,
                RecordedAt = now.UtcDateTime,
                NextChangeAt = nextChangeAt,
            };
            db.Consents.Add(existing);
            Announce(existing, previousStatus: null, scope, now);
            return;
        }

        if (existing.Version >= version.Version)
        {
            return;
        }

        if (existing.CustodianOrganizationId != version.CustodianOrganizationId || existing.PatientId != version.PatientId)
        {
            throw new InvalidOperationException($"Consent/{version.ConsentId} cannot change custodian or patient.");
        }

        var previous = existing.Status;
        existing.Version = version.Version;
        existing.Status = status;
        existing.Json = version.Json;
        existing.RecordedAt = now.UtcDateTime;
        existing.NextChangeAt = nextChangeAt;
        Announce(existing, previous, scope, now);
    }

    /// <summary>Every consent of a survivor recorded by this custodian, at the newest version known.</summary>
    public async Task<IReadOnlyList<ConsentText>> VersionsForPatientAsync(string patientId, string custodianOrganizationId, CancellationToken cancellationToken)
    {
        var rows = await StoredConsentsOf.For(db)(db, patientId, custodianOrganizationId).ToListAsync(cancellationToken);
        return rows
            .Concat(db.Consents.Local.Where(c => c.PatientId == patientId && c.CustodianOrganizationId == custodianOrganizationId))
            .Select(c => new ConsentText(c.Id, c.Version, c.CustodianOrganizationId, c.PatientId, c.Json))
            .ToList();
    }

    /// <summary>The newest version of each consent.</summary>
    public static IReadOnlyList<ConsentText> NewestVersions(IEnumerable<ConsentText> versions) =>
        versions.GroupBy(v => v.ConsentId).Select(g => g.MaxBy(v => v.Version)!).ToList();

    public static IReadOnlyList<Hl7.Fhir.Model.Consent> Parse(IEnumerable<ConsentText> versions) =>
        versions.Select(v => FhirJsonText.Parse<Hl7.Fhir.Model.Consent>(v.Json)).ToList();

    /// <summary>A consent version as a message carried it, opened with the survivor's data key.</summary>
    public ConsentText Open(ConsentVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new ConsentText(version.ConsentId, version.Version, version.CustodianOrganizationId, version.PatientId, keyring.Open(version.PatientId, version.Sealed));
    }

    /// <summary>Her data key as the message carried it (wrapped), kept so her consents are stored under it.</summary>
    private async System.Threading.Tasks.Task KeepKeyAsync(ConsentVersion message, CancellationToken cancellationToken)
    {
        if (await db.SurvivorKeys.FindAsync([message.PatientId], cancellationToken) is null)
        {
            db.SurvivorKeys.Add(new SurvivorKey
            {
                PatientId = message.PatientId,
                KeyEncryptionKeyId = message.Sealed.KeyId,
                WrappedKey = message.Sealed.WrappedKey,
                CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
            });
        }
    }

    private void Announce(StoredConsent consent, string? previousStatus, ReviewScope scope, DateTimeOffset now)
    {
        if (previousStatus == "active" && consent.Status != "active")
        {
            db.Enqueue(new ConsentWithdrawn(consent.Id, consent.PatientId, consent.CustodianOrganizationId, $"consent-{consent.Status}", now, consent.Version));
        }
        else if (consent.Status == "active" && !scope.Nothing)
        {
            db.Enqueue(new ConsentEffectChanged(consent.Id, consent.PatientId, consent.CustodianOrganizationId, "consent-revised", now, scope.AlreadyDecided));
        }
    }
}
