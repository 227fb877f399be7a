using Npgsql;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>
/// What the recipient's disclosure store holds, read straight from the Gateway's schema: per referral, how many copies
/// of its ServiceRequest the recipient has, at which version, and how many disclosures the audit log records. A
/// referral delivered exactly once has one copy at version 1 and one audit record.
/// </summary>
public sealed class DeliveryLedger(string postgres)
{
    public const string Recipient = Infrastructure.HubServerFixture.NgoEdo;

    public async Task<DeliverySnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        var copies = new Dictionary<string, (int Count, int MaxVersion)>();
        var audits = new Dictionary<string, int>();
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(
            """
            SELECT "SourceId", count(*), max("VersionId") FROM gateway.disclosures
            WHERE "ResourceType" = 'ServiceRequest' AND "RecipientOrganizationId" = @recipient GROUP BY "SourceId"
            """, connection))
        {
            command.Parameters.AddWithValue("recipient", Recipient);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                copies[reader.GetString(0)] = ((int)reader.GetInt64(1), reader.GetInt32(2));
            }
        }

        await using (var command = new NpgsqlCommand(
            """SELECT "PatientId", count(*) FROM gateway.audit_records WHERE "RecipientOrganizationId" = @recipient GROUP BY "PatientId" """, connection))
        {
            command.Parameters.AddWithValue("recipient", Recipient);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                audits[reader.GetString(0)] = (int)reader.GetInt64(1);
            }
        }

        return new DeliverySnapshot(copies, audits);
    }

    /// <summary>Waits until every referral is delivered (or the timeout passes) and returns the ledger then.</summary>
    public async Task<DeliverySnapshot> WaitForAsync(IReadOnlyCollection<AcceptedReferral> referrals, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var ledger = await ReadAsync();
            if (referrals.All(r => ledger.Of(r).Copies > 0) || DateTime.UtcNow > deadline)
            {
                return ledger;
            }

            await Task.Delay(250);
        }
    }
}

/// <summary>The recipient's store at one moment: ServiceRequest copies by source id, audit records by the shelter's patient id.</summary>
public sealed record DeliverySnapshot(IReadOnlyDictionary<string, (int Count, int MaxVersion)> Copies, IReadOnlyDictionary<string, int> AuditRecords)
{
    /// <summary>How the referral stands in the recipient's store (<see cref="Delivery.None"/> when not delivered).</summary>
    public Delivery Of(AcceptedReferral referral)
    {
        var (count, version) = Copies.GetValueOrDefault(referral.ServiceRequestId);
        return new Delivery(count, version, AuditRecords.GetValueOrDefault(referral.PatientId));
    }
}

/// <summary>One referral in the recipient's store.</summary>
public sealed record Delivery(int Copies, int Version, int AuditRecords)
{
    public static Delivery None { get; } = new(0, 0, 0);

    public bool IsExactlyOnce => Copies == 1 && Version == 1 && AuditRecords == 1;

    public bool IsDuplicated => Copies > 1 || Version > 1 || AuditRecords > 1;
}
