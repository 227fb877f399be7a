using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Consent;
using ReferralHub.Consent.Fhir;
using ReferralHub.Consent.Storage;
using ReferralHub.Contracts.Messages;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.ServiceDefaults.Privacy;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>
/// Two messages that record the same new consent, handled by Consent at the same moment (two consumers, or two
/// instances) on PostgreSQL: the first version's news and its withdrawal's. The second is recorded at once, on top of
/// the first, and announces the withdrawal; it does not collide with the first's insert and wait out a retry. The
/// interleaving is forced, not hoped for: the first transaction stays open while the second runs.
/// </summary>
public sealed class ConcurrentConsentRecordingTests : IAsyncLifetime
{
    private const string ConsentId = "consent-recorded-twice-at-once";
    private const string PatientId = "patient-of-the-consent-race";

    private readonly string keyFolder = Path.Combine(Path.GetTempPath(), "rh-consent-race-" + Guid.NewGuid().ToString("N"));
    private ThrowawayDatabase database = null!;
    private HubKeyring keyring = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        database = await ThrowawayDatabase.CreateAsync(TestServers.Postgres);
        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync();
        }

        keyring = await Keyrings.LoadAsync(Path.Combine(keyFolder, "kek"));
    }

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(keyFolder, recursive: true);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_withdrawal_recorded_while_the_consents_first_version_is_uncommitted_is_recorded_on_top_of_it_and_announced()
    {
        var key = keyring.NewKey(PatientId);

        await using var first = NewContext();
        await using var firstVersion = await first.Database.BeginTransactionAsync();
        await RegistryOf(first).RecordAsync(Version(key, 1, FhirConsent.ConsentState.Active), ReviewScope.Everything, CancellationToken.None);
        await first.SaveChangesAsync();

        await using var second = NewContext();
        await using var withdrawal = await second.Database.BeginTransactionAsync();
        var recordingWithdrawal = RegistryOf(second).RecordAsync(Version(key, 2, FhirConsent.ConsentState.Inactive), ReviewScope.Everything, CancellationToken.None);
        await database.DoneOrWaitingAsync(recordingWithdrawal);
        await firstVersion.CommitAsync();
        await recordingWithdrawal;
        await second.SaveChangesAsync();
        await withdrawal.CommitAsync();

        await using var db = NewContext();
        var consent = await db.Consents.SingleAsync(c => c.Id == ConsentId);
        Assert.Equal((2, "inactive"), (consent.Version, consent.Status));
        var withdrawals = await db.OutboxMessages.CountAsync(m => m.MessageType.Contains(nameof(ConsentWithdrawn)) && m.Payload.Contains(ConsentId));
        Assert.True(withdrawals == 1, $"the withdrawal is announced once, not {withdrawals} times");
        Assert.Equal(1, await db.SurvivorKeys.CountAsync(k => k.PatientId == PatientId));
    }

    private static ConsentVersion Version(SurvivorDataKey key, int version, FhirConsent.ConsentState status)
    {
        var consent = new FhirConsent
        {
            Id = ConsentId,
            Status = status,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0")],
            Patient = new ResourceReference($"Patient/{PatientId}"),
            Organization = [new ResourceReference($"Organization/{HubServerFixture.Shelter}")],
            Provision = new FhirConsent.provisionComponent { Type = FhirConsent.ConsentProvisionType.Deny },
        };
        return new ConsentVersion(ConsentId, version, HubServerFixture.Shelter, PatientId, key.Seal(FhirJsonText.Serialize(consent)));
    }

    private ConsentRegistry RegistryOf(ConsentDbContext db) => new(db, keyring);

    private ConsentDbContext NewContext() =>
        new(HubStorage.PostgresOptions<ConsentDbContext>(database.ConnectionString, ConsentService.ServiceName));
}
