using System.Net;
using Microsoft.Data.Sqlite;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using ReferralHub.ServiceDefaults.Privacy;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Privacy;

/// <summary>
/// The embedded hub started on a data folder an earlier version made: it adds the tables and indexes that version did
/// not have and drops the indexes it no longer has, gives the survivors it already holds their data keys, takes their
/// next referrals, encrypts the webhook secrets and survivors' rows that version kept in plain text, and moves the rows
/// it sealed under the key-encryption key under their survivor's data key.
/// </summary>
public sealed class EmbeddedUpgradeTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("referralhub-e2e-upgrade-").FullName;

    [Fact]
    public async Task A_data_folder_from_before_survivor_keys_gets_them_its_survivors_can_be_referred_again_and_its_secrets_and_rows_are_encrypted()
    {
        string[] settings = ["--ConnectionStrings:ReferralHub", data];
        SubmittedReferral first;
        var before = new HubServerFixture(settings);
        await before.InitializeAsync();
        try
        {
            using var shelter = before.ClientFor(Shelter);
            first = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        }
        finally
        {
            await before.DisposeAsync();
        }

        const string legacySecret = "rhwhsec_kept-in-plain-text-by-an-earlier-version";
        const string legacyName = "LEGACY-FAMILY-KEPT-IN-CLEAR";
        var legacyPatient = $$"""{"resourceType":"Patient","id":"{{first.PatientId}}","meta":{"versionId":"1"},"name":[{"family":"{{legacyName}}"}]}""";
        var keyring = await KeyringAsync();
        await SealUnderTheKeyEncryptionKeyAsync(keyring, "gateway", ("resources", "StoredResource"), ("resource_versions", "ResourceVersion"), ("disclosures", "Disclosure"));
        await SealUnderTheKeyEncryptionKeyAsync(keyring, "consent", ("consents", "StoredConsent"));
        var legacyVersion = keyring.ProtectSecret("row/ResourceVersion", legacyPatient);
        await ExecuteAsync("DROP INDEX \"IX_tasks_OwnerOrganizationId_LastUpdated\"; DROP INDEX \"IX_tasks_RequesterOrganizationId_LastUpdated\";"
            + "CREATE INDEX \"IX_tasks_LastUpdated\" ON tasks (\"LastUpdated\");"
            + $"INSERT INTO webhook_secrets (\"OrganizationId\", \"Current\", \"RotatedAt\") VALUES ('{NgoLagos}', '{legacySecret}', '2026-01-01 00:00:00');"
            + $"UPDATE resources SET \"Json\" = '{legacyPatient}' WHERE \"ResourceType\" = 'Patient' AND \"Id\" = '{first.PatientId}';"
            + $"UPDATE resource_versions SET \"Json\" = '{legacyVersion}' WHERE \"ResourceType\" = 'Patient' AND \"Id\" = '{first.PatientId}';"
            + "UPDATE resource_versions SET \"PatientId\" = NULL;");

        var after = new HubServerFixture(settings);
        await after.InitializeAsync();
        try
        {
            Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM survivor_keys WHERE \"PatientId\" = $value", first.PatientId));
            Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = $value", "IX_tasks_OwnerOrganizationId_LastUpdated"));
            Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = $value", "IX_tasks_RequesterOrganizationId_LastUpdated"));
            Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = $value", "IX_tasks_LastUpdated"));
            Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM webhook_secrets WHERE \"Current\" LIKE '%' || $value || '%'", legacySecret));
            Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM webhook_secrets WHERE \"OrganizationId\" = $value AND \"Current\" LIKE 'kek-%'", NgoLagos));
            Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM resources WHERE \"Json\" NOT LIKE 'dk:%' AND \"PatientId\" = $value", first.PatientId));
            Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM resource_versions WHERE \"Json\" LIKE 'dk:%' AND \"ResourceType\" = 'Patient' AND \"PatientId\" = $value", first.PatientId));
            using var shelter = after.ClientFor(Shelter);
            var patient = await shelter.GetAsync($"Patient/{first.PatientId}");
            Assert.Contains(legacyName, patient.Body, StringComparison.Ordinal);
            var version = await shelter.GetAsync($"Patient/{first.PatientId}/_history/1");
            Assert.Contains(legacyName, version.Body, StringComparison.Ordinal);
            var again = await LifecycleSteps.ReferAgainAsync(shelter, first, NgoEdo, "vocational-training");
            using var edo = after.ClientFor(NgoEdo);
            var delivered = await LifecycleSteps.DeliveredAsync(edo, again);
            Assert.Equal(HttpStatusCode.OK, (await edo.GetAsync(Refs.Of(delivered.For)!)).Status);
        }
        finally
        {
            await after.DisposeAsync();
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (e.g. by the SQLite connection pool) is left to the OS's temp cleanup.
        }
    }

    private Task<HubKeyring> KeyringAsync() => Keyrings.LoadAsync(EmbeddedStoredRows.KeyEncryptionKeyPath(data));

    /// <summary>A service's rows as a version before survivors' data keys stored them: under the key-encryption key, and no key table.</summary>
    private async Task SealUnderTheKeyEncryptionKeyAsync(HubKeyring keyring, string service, params (string Table, string Kind)[] sealedTables)
    {
        await using var connection = Open(service);
        await connection.OpenAsync();
        var keys = new Dictionary<string, SurvivorDataKey>(StringComparer.Ordinal);
        await using (var read = new SqliteCommand("SELECT \"PatientId\", \"KeyEncryptionKeyId\", \"WrappedKey\" FROM survivor_keys", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys[reader.GetString(0)] = keyring.Unwrap(reader.GetString(0), reader.GetString(1), reader.GetString(2));
            }
        }

        foreach (var (table, kind) in sealedTables)
        {
            var rows = new List<(long RowId, string Json)>();
            await using (var read = new SqliteCommand($"SELECT rowid, \"PatientId\", \"Json\" FROM {table} WHERE \"Json\" LIKE 'dk:%'", connection))
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows.Add((reader.GetInt64(0), keyring.ProtectSecret("row/" + kind, keys[reader.GetString(1)].OpenRow("row/" + kind, reader.GetString(2)))));
                }
            }

            foreach (var (rowId, json) in rows)
            {
                await using var update = new SqliteCommand($"UPDATE {table} SET \"Json\" = $json WHERE rowid = $row", connection);
                update.Parameters.AddWithValue("$json", json);
                update.Parameters.AddWithValue("$row", rowId);
                await update.ExecuteNonQueryAsync();
            }
        }

        await using var drop = new SqliteCommand("DROP TABLE survivor_keys", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql, string value)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        command.Parameters.AddWithValue("$value", value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private SqliteConnection Open(string service = "gateway") => new($"Data Source={Path.Combine(data, service + ".db")};Pooling=False");
}
