using Npgsql;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>A service's outbox as an operator would inspect it with SQL.</summary>
public static class OutboxRows
{
    public sealed record Row(Guid Id, string Payload, DateTime? DispatchedAt);

    /// <summary>The rows of <typeparamref name="TMessage"/> in <paramref name="schema"/>'s outbox whose payload mentions <paramref name="text"/>.</summary>
    public static async Task<IReadOnlyList<Row>> FindAsync<TMessage>(string postgres, string schema, string text)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT "Id", "Payload", "DispatchedAt" FROM "{schema}".outbox_messages
            WHERE "MessageType" = @type AND strpos("Payload", @text) > 0
            """, connection);
        command.Parameters.AddWithValue("type", typeof(TMessage).FullName!);
        command.Parameters.AddWithValue("text", text);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2)));
        }

        return rows;
    }
}
