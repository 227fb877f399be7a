using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Privacy;

/// <summary>
/// Issue 14: a survivor's data at rest (what her custodian submitted, every version, the recipients' copies, consents,
/// Tasks and Communications) is encrypted under the key-encryption key, which lives outside the database. A copy of the
/// database alone holds none of it; with the key, all of it is there.
/// </summary>
public abstract class DataAtRestTests(IRunningHub hub)
{
    [Fact]
    public async Task A_copy_of_the_database_alone_holds_none_of_a_referred_survivors_data()
    {
        using var shelter = hub.ClientFor(Shelter);
        using var edo = hub.ClientFor(NgoEdo);
        var builder = new ReferralBuilder();
        var referral = await SubmitAsync(shelter, builder);
        var read = await edo.GetAsync(Refs.Of((await DeliveredAsync(edo, referral.TaskId)).For)!);
        read.ShouldBe(HttpStatusCode.OK, "ngo-ng-edo reads its copy of her");
        Expect.That(read.Body.Contains(builder.Canaries.Family, StringComparison.Ordinal), "the hub serves her name to the recipient", read.Describe());
        await ReviseConsentAsync(shelter, referral.ConsentId, consent => consent.DateTimeElement = new Hl7.Fhir.Model.FhirDateTime(DateTimeOffset.UtcNow));

        var stored = await DatabaseCopyAsync();
        var open = await SealedValues.OpenerAsync(KeyEncryptionKeyPath);
        Expect.That(open(stored).Contains(builder.Canaries.Family, StringComparison.Ordinal), "with the key, the copy holds her name: the search reads her stored data");
        Expect.NoneIn(stored, builder.Canaries.Unique, "without the key, the copy holds none of her data");
    }

    /// <summary>Everything the databases hold, as text, read without any key.</summary>
    protected abstract Task<string> DatabaseCopyAsync();

    protected abstract string KeyEncryptionKeyPath { get; }
}

public sealed class EmbeddedDataAtRestTests(HubServerFixture hub) : DataAtRestTests(hub), IClassFixture<HubServerFixture>
{
    protected override string KeyEncryptionKeyPath => EmbeddedStoredRows.KeyEncryptionKeyPath(hub.DataFolder);

    protected override async Task<string> DatabaseCopyAsync() =>
        string.Join('\n', [await EmbeddedStoredRows.DatabaseFilesAsync(hub.DataFolder), .. (await EmbeddedStoredRows.EveryTableAsync(hub.DataFolder)).Select(row => row.Text)]);
}

[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedDataAtRestTests(DistributedHubFixture fixture) : DataAtRestTests(fixture.Hub)
{
    protected override string KeyEncryptionKeyPath => fixture.Hub.KeyEncryptionKeyPath;

    protected override async Task<string> DatabaseCopyAsync() =>
        string.Join('\n', (await DistributedStoredRows.EverySchemaAsync(fixture.Hub.Postgres)).Select(row => row.Text));
}
