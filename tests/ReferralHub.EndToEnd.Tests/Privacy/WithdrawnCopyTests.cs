using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Privacy;

/// <summary>
/// Issue 14: a copy that stops being served keeps nothing of what it said. The recipient's copies of a withdrawn
/// consent stay as rows (its ids for the survivor, the data classes it received) but hold none of her data.
/// </summary>
public abstract class WithdrawnCopyTests(IRunningHub hub)
{
    [Fact]
    public async Task After_a_withdrawal_the_recipients_copies_hold_none_of_the_survivors_data()
    {
        using var shelter = hub.ClientFor(Shelter);
        using var edo = hub.ClientFor(NgoEdo);
        var builder = new ReferralBuilder();
        var referral = await SubmitAsync(shelter, builder);
        var patientPath = Refs.Of((await DeliveredAsync(edo, referral.TaskId)).For)!;
        var before = await CopiesOfAsync(referral.PatientId);
        Expect.That(before.Any(r => r.Text.Contains(builder.Canaries.Family, StringComparison.Ordinal)), "before the withdrawal, ngo-ng-edo's copy of the Patient holds her name");

        await ReviseConsentAsync(shelter, referral.ConsentId, consent => consent.Status = FhirConsent.ConsentState.Inactive);
        var refused = await edo.GetAsync(patientPath);
        Expect.That(refused.Status == HttpStatusCode.Forbidden, "the first read after the withdrawal is refused", refused.Describe());

        var after = await CopiesOfAsync(referral.PatientId);
        Expect.That(after.Count == before.Count, "the copies stay as rows (the recipient's ids, the classes it received)", $"{before.Count} before, {after.Count} after");
        Expect.NoneIn(string.Join('\n', after.Select(r => r.Text)), builder.Canaries.Unique, "the withdrawn copies hold none of the survivor's data");
    }

    /// <summary>Every stored copy of the survivor's data, whomever it was disclosed to, as someone with the hub's key reads it.</summary>
    private async Task<IReadOnlyList<StoredRow>> CopiesOfAsync(string patientId)
    {
        var open = await SealedValues.OpenerAsync(KeyEncryptionKeyPath);
        var keys = string.Join('\n', (await SurvivorKeysAsync()).Select(r => r.Text));
        return [.. (await DisclosuresAsync()).Where(r => r.Text.Contains(patientId, StringComparison.Ordinal)).Select(r => r with { Text = open(keys + '\n' + r.Text) })];
    }

    /// <summary>Every row of the Gateway's disclosure store.</summary>
    protected abstract Task<IReadOnlyList<StoredRow>> DisclosuresAsync();

    /// <summary>Every row of the Gateway's survivors' keys, which the copies are sealed under.</summary>
    protected abstract Task<IReadOnlyList<StoredRow>> SurvivorKeysAsync();

    /// <summary>The file of the Gateway's key-encryption key.</summary>
    protected abstract string KeyEncryptionKeyPath { get; }
}

public sealed class EmbeddedWithdrawnCopyTests(HubServerFixture hub) : WithdrawnCopyTests(hub), IClassFixture<HubServerFixture>
{
    protected override string KeyEncryptionKeyPath => EmbeddedStoredRows.KeyEncryptionKeyPath(hub.DataFolder);

    protected override Task<IReadOnlyList<StoredRow>> DisclosuresAsync() => EmbeddedStoredRows.TableAsync(hub.DataFolder, "gateway", "disclosures");

    protected override Task<IReadOnlyList<StoredRow>> SurvivorKeysAsync() => EmbeddedStoredRows.TableAsync(hub.DataFolder, "gateway", "survivor_keys");
}

[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedWithdrawnCopyTests(DistributedHubFixture fixture) : WithdrawnCopyTests(fixture.Hub)
{
    protected override string KeyEncryptionKeyPath => fixture.Hub.KeyEncryptionKeyPath;

    protected override Task<IReadOnlyList<StoredRow>> DisclosuresAsync() => DistributedStoredRows.TableAsync(fixture.Hub.Postgres, "gateway", "disclosures");

    protected override Task<IReadOnlyList<StoredRow>> SurvivorKeysAsync() => DistributedStoredRows.TableAsync(fixture.Hub.Postgres, "gateway", "survivor_keys");
}
