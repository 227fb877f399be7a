using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Privacy;

/// <summary>
/// Issue 14, "Must show": a copy of the distributed hub's database alone is not enough to mint tokens. The token
/// server's keys live in the identity schema, encrypted under a key kept in a file; tokens signed with them still work.
/// </summary>
[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedSecretsAtRestTests(DistributedHubFixture fixture)
{
    [Fact]
    public async Task A_copy_of_the_database_holds_no_private_key_while_the_tokens_signed_with_them_are_accepted()
    {
        using var shelter = fixture.Hub.ClientFor(HubServerFixture.Shelter);
        var patients = await shelter.GetAsync("Patient");
        Expect.That(patients.Status == HttpStatusCode.OK, "a token from Identity is accepted by the Gateway", patients.Describe());

        var rows = await DistributedStoredRows.EverySchemaAsync(fixture.Hub.Postgres);
        var serverKeys = rows.Where(r => r.Place == "identity.server_keys").ToList();
        Expect.That(serverKeys.Count == 2, "the signing and the encryption key are stored in the identity schema", string.Join('\n', serverKeys.Select(r => r.Text)));
        var plain = rows.Where(r => r.Text.Contains("PRIVATE KEY", StringComparison.Ordinal)).Select(r => r.Place).ToList();
        Expect.That(plain.Count == 0, "no row of any schema holds a private key in plain text", string.Join(", ", plain));
    }
}
