using System.Text;
using Npgsql;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>
/// Where one referral got to, from each service's tables: the Gateway's Task, Routing's referral state, and every
/// outbox row that mentions the survivor's id (type, published or not, attempts). For failure messages.
/// </summary>
public static class ReferralTrace
{
    public static async Task<string> DescribeAsync(string postgres, AcceptedReferral referral)
    {
        var trace = new StringBuilder($"ServiceRequest/{referral.ServiceRequestId} (Patient/{referral.PatientId}):\n");
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await AppendAsync(connection, trace, """SELECT 'gateway task', "Id", "Status", "DisclosedToOwner"::text FROM gateway.tasks WHERE "PatientId" = @patient""", referral);
        await AppendAsync(connection, trace, """SELECT 'routing referral', "TaskId", "State"::text, coalesce("Reason", '') FROM routing.referrals WHERE "PatientId" = @patient""", referral);
        foreach (var schema in new[] { "gateway", "routing", "consent" })
        {
            await AppendAsync(
                connection,
                trace,
                $"""
                SELECT '{schema} outbox', "MessageType", coalesce("DispatchedAt"::text, 'not published'), "Attempts"::text || ' attempts ' || coalesce("LastError", '')
                FROM "{schema}".outbox_messages WHERE strpos("Payload", @patient) > 0 ORDER BY "CreatedAt"
                """,
                referral);
        }

        return trace.ToString();
    }

    private static async Task AppendAsync(NpgsqlConnection connection, StringBuilder trace, string sql, AcceptedReferral referral)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("patient", referral.PatientId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            trace.AppendLine($"  {reader.GetString(0)}: {reader.GetString(1)} | {reader.GetString(2)} | {reader.GetString(3)}");
        }
    }
}
