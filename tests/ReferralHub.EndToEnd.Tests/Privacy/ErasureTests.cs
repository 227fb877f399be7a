using System.Net;
using Hl7.Fhir.Model;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using ReferralHub.ServiceDefaults.Privacy;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Privacy;

/// <summary>
/// Issue 14, "Must show": after a referral, a withdrawal and an erasure, nothing of the survivor is left in any stored
/// byte (every SQLite file, or every row of every PostgreSQL schema and every message in every broker queue), while the
/// hub keeps working for everyone else and the audit chain still verifies. Her recipient is told, and acknowledges.
/// Her rows were sealed under her own data key, so even what a delete leaves behind is shredded with that key.
/// </summary>
public abstract class ErasureTests(IRunningHub hub)
{
    private const string Operator = "hub-operations";

    [Fact]
    public async Task After_a_referral_a_withdrawal_and_an_erasure_nothing_of_the_survivor_is_stored_anywhere_and_the_hub_works_on()
    {
        try
        {
            await ReferWithdrawAndEraseAsync();
        }
        catch (Exception ex) when (Diagnostics.Length > 0)
        {
            throw new InvalidOperationException($"{ex.Message}\n{Diagnostics}", ex);
        }
    }

    private async Task ReferWithdrawAndEraseAsync()
    {
        using var shelter = hub.ClientFor(Shelter);
        using var edo = hub.ClientFor(NgoEdo);
        var erased = new ReferralBuilder();
        var referral = await SubmitAsync(shelter, erased);
        var patientPath = Refs.Of((await DeliveredAsync(edo, referral.TaskId)).For)!;
        await ReviseConsentAsync(shelter, referral.ConsentId, consent => consent.Status = FhirConsent.ConsentState.Inactive);
        var recall = await Eventually.UntilAsync("ngo-ng-edo receives the recall", () => MessagesAsync(edo), messages => RecallFor(messages, referral.TaskId) is not null);
        (await AcknowledgeAsync(edo, RecallFor(recall, referral.TaskId)!)).ShouldBe(HttpStatusCode.OK, "ngo-ng-edo acknowledges the recall");

        // What a delete leaves of her rows (dead tuples, freed pages) is what they hold now: sealed under her data key.
        var open = await SealedValues.OpenerAsync(KeyEncryptionKeyPath);
        var lingering = (await SealedRowsAsync()).Where(row => row.Text.Contains(referral.PatientId, StringComparison.Ordinal)).ToList();
        Expect.That(lingering.Count > 0 && lingering.All(row => row.Text.Contains(SurvivorDataKey.RowPrefix, StringComparison.Ordinal)), "every stored row of hers is sealed under her data key", string.Join('\n', lingering.Select(row => row.Place)));
        Expect.That(open(string.Join('\n', [.. lingering.Select(row => row.Text), await StoredTextAsync()])).Contains(erased.Canaries.Family, StringComparison.Ordinal), "before her erasure they open, with her key and the key-encryption key");

        var erasure = await EraseAsync(shelter, referral.PatientId, "survivor-request");
        erasure.ShouldBeOutcome(HttpStatusCode.OK, "the custodian erases the survivor");

        var notices = await Eventually.UntilAsync("ngo-ng-edo receives a survivor-erased notice", () => MessagesAsync(edo), messages => NoticeFor(messages, referral.TaskId) is not null);
        var notice = NoticeFor(notices, referral.TaskId)!;
        var header = (MessageHeader)notice.Entry[0].Resource!;
        Expect.That(header.Focus.Any(f => f.Reference == patientPath), "the notice names ngo-ng-edo's own id for her, so it can find what to delete", string.Join(", ", header.Focus.Select(f => f.Reference)));
        (await AcknowledgeAsync(edo, notice)).ShouldBe(HttpStatusCode.OK, "ngo-ng-edo acknowledges the notice");
        Expect.That((await edo.GetAsync(patientPath)).Status != HttpStatusCode.OK, "ngo-ng-edo reads nothing of her any more");
        (await shelter.GetAsync($"Patient/{referral.PatientId}")).ShouldBeOutcome(HttpStatusCode.Gone, "her Patient is gone for the custodian");
        (await EraseAsync(shelter, referral.PatientId, "survivor-request")).ShouldBeOutcome(HttpStatusCode.OK, "erasing her again changes nothing and says so");

        var log = await DisclosureLogAsync(shelter, referral.PatientId);
        Expect.That(log.Any(e => e.Subtype.Any(s => s.Code == "destroy")), "the disclosure log keeps the erasure's tombstone");
        Expect.That(log.Any(e => e.Subtype.Any(s => s.Code == "disclose")), "the disclosure log still tells whom her data reached");
        Expect.NoneIn(string.Join('\n', log.Select(e => FhirJson.Serialize(e))), erased.Canaries.Unique, "the disclosure log holds nothing of her");

        var other = new ReferralBuilder();
        var next = await SubmitAsync(shelter, other);
        var otherPatient = await edo.GetAsync(Refs.Of((await DeliveredAsync(edo, next.TaskId)).For)!);
        Expect.That(otherPatient.Body.Contains(other.Canaries.Family, StringComparison.Ordinal), "the hub works on for another survivor", otherPatient.Describe());
        (await hub.ClientFor(Operator).GetAsync("$verify-audit")).ShouldBeOutcome(HttpStatusCode.OK, "the audit chain still verifies");

        var stored = await Eventually.UntilAsync(
            "every service has done its part of the erasure",
            async () => open(await StoredTextAsync()),
            text => !erased.Canaries.Unique.Any(c => text.Contains(c, StringComparison.OrdinalIgnoreCase)),
            text => string.Join(", ", erased.Canaries.Unique.Where(c => text.Contains(c, StringComparison.OrdinalIgnoreCase))));
        Expect.That(stored.Contains(other.Canaries.Family, StringComparison.OrdinalIgnoreCase), "the search reads what the hub stores: it finds the other survivor's name");
        Expect.NoneIn(stored, erased.Canaries.Unique, "nothing of the erased survivor is stored anywhere");
        Expect.NoneIn(
            open(string.Join('\n', [.. lingering.Select(row => row.Text), await StoredTextAsync()])),
            erased.Canaries.Unique,
            "what lingered of her rows no longer opens, even with the key-encryption key and all the hub stores: her data key is destroyed in every service");
    }

    [Fact]
    public async Task Only_the_custodian_erases_and_only_with_a_reason_of_the_code_system()
    {
        using var shelter = hub.ClientFor(Shelter);
        using var edo = hub.ClientFor(NgoEdo);
        var referral = await SubmitAsync(shelter, new ReferralBuilder());
        var patientPath = Refs.Of((await DeliveredAsync(edo, referral.TaskId)).For)!;

        (await EraseAsync(edo, referral.PatientId, "survivor-request")).ShouldBeOutcome(HttpStatusCode.NotFound, "the recipient cannot erase the custodian's survivor");
        (await edo.PostAsync($"{patientPath}/$erase", Reason("survivor-request"))).ShouldBeOutcome(HttpStatusCode.NotFound, "nor its own copy of her");
        (await EraseAsync(shelter, referral.PatientId, "she-asked")).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a reason outside the code system is refused");
        (await shelter.PostAsync($"Patient/{referral.PatientId}/$erase", new Parameters())).ShouldBeOutcome(HttpStatusCode.BadRequest, "a reason is required");
        (await shelter.GetAsync($"Patient/{referral.PatientId}")).ShouldBe(HttpStatusCode.OK, "none of that erased anything");
        (await edo.GetAsync(patientPath)).ShouldBe(HttpStatusCode.OK, "nor stopped the recipient's copy");
    }

    /// <summary>What the hub stores, as text: the files and rows of every service and, where there is one, every queue.</summary>
    protected abstract Task<string> StoredTextAsync();

    /// <summary>The rows that hold survivors' data sealed at rest: Gateway's resources, their versions and the copies, and Consent's consents.</summary>
    protected abstract Task<IReadOnlyList<StoredRow>> SealedRowsAsync();

    protected abstract string KeyEncryptionKeyPath { get; }

    /// <summary>What the hub's processes last wrote, to read beside a failure (none for the embedded hub, whose logs the test host keeps).</summary>
    protected virtual string Diagnostics => string.Empty;

    private static Task<HubResponse> EraseAsync(HubClient custodian, string patientId, string reason) =>
        custodian.PostAsync($"Patient/{patientId}/$erase", Reason(reason));

    private static Parameters Reason(string code) => new() { Parameter = [new Parameters.ParameterComponent { Name = "reason", Value = new Code(code) }] };

    private static Bundle? NoticeFor(IEnumerable<Bundle> messages, string taskId) =>
        messages.FirstOrDefault(m => m.Entry.FirstOrDefault()?.Resource is MessageHeader header
            && (header.Event as Coding)?.Code == "survivor-erased"
            && header.Focus.Any(f => f.Reference == $"Task/{taskId}"));
}

public sealed class EmbeddedErasureTests(HubServerFixture hub) : ErasureTests(hub), IClassFixture<HubServerFixture>
{
    protected override string KeyEncryptionKeyPath => EmbeddedStoredRows.KeyEncryptionKeyPath(hub.DataFolder);

    protected override async Task<string> StoredTextAsync() =>
        string.Join('\n', [await EmbeddedStoredRows.DatabaseFilesAsync(hub.DataFolder), .. (await EmbeddedStoredRows.EveryTableAsync(hub.DataFolder)).Select(row => row.Text)]);

    protected override async Task<IReadOnlyList<StoredRow>> SealedRowsAsync() =>
    [
        .. await EmbeddedStoredRows.TableAsync(hub.DataFolder, "gateway", "resources"),
        .. await EmbeddedStoredRows.TableAsync(hub.DataFolder, "gateway", "resource_versions"),
        .. await EmbeddedStoredRows.TableAsync(hub.DataFolder, "gateway", "disclosures"),
        .. await EmbeddedStoredRows.TableAsync(hub.DataFolder, "consent", "consents"),
    ];
}

[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedErasureTests(DistributedHubFixture fixture) : ErasureTests(fixture.Hub)
{
    protected override string KeyEncryptionKeyPath => fixture.Hub.KeyEncryptionKeyPath;

    protected override string Diagnostics => fixture.Hub.RecentOutput();

    protected override async Task<string> StoredTextAsync() =>
        string.Join('\n', [
            .. (await DistributedStoredRows.EverySchemaAsync(fixture.Hub.Postgres)).Select(row => row.Text),
            .. await fixture.VirtualHost.QueuedMessagesAsync()]);

    protected override async Task<IReadOnlyList<StoredRow>> SealedRowsAsync() =>
    [
        .. await DistributedStoredRows.TableAsync(fixture.Hub.Postgres, "gateway", "resources"),
        .. await DistributedStoredRows.TableAsync(fixture.Hub.Postgres, "gateway", "resource_versions"),
        .. await DistributedStoredRows.TableAsync(fixture.Hub.Postgres, "gateway", "disclosures"),
        .. await DistributedStoredRows.TableAsync(fixture.Hub.Postgres, "consent", "consents"),
    ];
}
