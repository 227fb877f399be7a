using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Audit;

/// <summary>
/// The embedded hub (SQLite): besides what both modes show, a truncated tail and a chain rewritten with recomputed
/// hashes are caught by the signed checkpoints kept outside the database, and the command-line tool, run against the
/// data folder with only the checkpoints and the public key, reports what <c>$verify-audit</c> reports.
/// </summary>
public sealed class EmbeddedAuditVerificationTests(HubServerFixture hub)
    : AuditVerificationTests(hub, AuditTables.Sqlite(hub.DataFolder)), IClassFixture<HubServerFixture>
{
    [Fact]
    public async Task Removing_the_last_rows_and_setting_the_head_back_below_a_checkpoint_is_named_by_verify_audit_and_the_CLI()
    {
        do
        {
            await DisclosureRecordAsync();
        }
        while (await Tables.LastSequenceAsync() < 3);

        var checkpointed = (await Operations.PostAsync("$verify-audit", CheckpointRequest())).ShouldBeOutcome(HttpStatusCode.OK, "the operator checkpoints the intact log");
        var last = await Tables.LastSequenceAsync();
        Expect.That(Expect.TextOf(checkpointed).Contains($"of record {last} written", StringComparison.Ordinal), "a checkpoint of the last record is written on demand", Expect.TextOf(checkpointed));

        var removed = await Tables.FromAsync(last - 1);
        var kept = (await Tables.FromAsync(last - 2))[0];
        await Tables.DeleteFromAsync(last - 1);
        await Tables.SetHeadAsync(kept.Sequence, kept.Hash);
        try
        {
            await ExpectFirstFindingAsync("tail-truncated", $"records {last - 1}–{last} were removed (tail truncated below checkpoint {last})");
            var (exit, output) = await CliAsync();
            Expect.That(exit == 1 && output.StartsWith($"tail-truncated: The log ends at record {last - 2}", StringComparison.Ordinal),
                "the CLI exits 1 and names the truncation first", $"{exit}: {output}");
        }
        finally
        {
            foreach (var row in removed)
            {
                await Tables.InsertAsync(row);
            }

            await Tables.SetHeadAsync(removed[^1].Sequence, removed[^1].Hash);
        }

        (await Operations.GetAsync("$verify-audit")).ShouldBeOutcome(HttpStatusCode.OK, "the log verifies again once the rows are back");
    }

    [Fact]
    public async Task A_chain_rewritten_with_recomputed_hashes_and_head_is_caught_by_its_checkpoint()
    {
        var row = await DisclosureRecordAsync();
        (await Operations.PostAsync("$verify-audit", CheckpointRequest())).ShouldBeOutcome(HttpStatusCode.OK, "the operator checkpoints the intact log");
        var original = await Tables.FromAsync(row.Sequence);
        var previous = row.PreviousHash;
        foreach (var stored in original)
        {
            var rewritten = stored.Sequence == row.Sequence ? stored with { Recipient = HubServerFixture.GovAgency, PreviousHash = previous } : stored with { PreviousHash = previous };
            rewritten = rewritten with { Hash = IndependentAuditHash.Of(rewritten) };
            await Tables.UpdateAsync(rewritten);
            previous = rewritten.Hash;
        }

        await Tables.SetHeadAsync(original[^1].Sequence, previous);
        try
        {
            await ExpectFirstFindingAsync("checkpoint-mismatch", $"Record {original[^1].Sequence} (AuditEvent/{original[^1].Id}) no longer has the hash that checkpoint");
        }
        finally
        {
            foreach (var stored in original)
            {
                await Tables.UpdateAsync(stored);
            }

            await Tables.SetHeadAsync(original[^1].Sequence, original[^1].Hash);
        }
    }

    [Fact]
    public async Task The_CLI_exits_0_on_the_intact_log_and_1_naming_a_changed_row()
    {
        var row = await DisclosureRecordAsync();
        var (intact, summary) = await CliAsync();
        Expect.That(intact == 0 && summary.StartsWith("The audit log is intact", StringComparison.Ordinal), "the CLI exits 0 on the intact log", $"{intact}: {summary}");

        await Tables.UpdateAsync(row with { Recipient = HubServerFixture.NgoLagos });
        try
        {
            var (broken, output) = await CliAsync();
            Expect.That(broken == 1 && output.StartsWith($"record-altered: Record {row.Sequence} (AuditEvent/{row.Id})", StringComparison.Ordinal),
                "the CLI exits 1 and names the changed row first", $"{broken}: {output}");
        }
        finally
        {
            await Tables.UpdateAsync(row);
        }

        using var error = new StringWriter();
        var usage = await AuditTool.Program.RunAsync(["verify", "--data", hub.DataFolder], TextWriter.Null, error);
        Expect.That(usage == 2 && error.ToString().Contains("--checkpoints", StringComparison.Ordinal), "a missing argument exits 2 with the usage", $"{usage}: {error}");
        var unreadable = await AuditTool.Program.RunAsync(
            ["verify", "--data", Path.Combine(hub.DataFolder, "missing"), "--checkpoints", CheckpointFolder, "--public-key", PublicKey], TextWriter.Null, error);
        Expect.That(unreadable == 2, "a database that cannot be read exits 2", error.ToString());
    }

    private string CheckpointFolder => Path.Combine(hub.DataFolder, "audit-checkpoints");

    private string PublicKey => Path.Combine(hub.DataFolder, "audit-checkpoint-key.pub.pem");

    /// <summary>The CLI run in-process against the data folder, with only the checkpoint folder and the public key.</summary>
    private async Task<(int Exit, string Output)> CliAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AuditTool.Program.RunAsync(["verify", "--data", hub.DataFolder, "--checkpoints", CheckpointFolder, "--public-key", PublicKey], output, error);
        return (exit, output + error.ToString());
    }
}
