using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Tests;

/// <summary>
/// The audit chain and its verification on a real (in-memory SQLite) Gateway database, tampered with directly, as
/// someone with access to the database would.
/// </summary>
public sealed class AuditLogTests : IAsyncLifetime, IDisposable
{
    private readonly InMemoryGatewayDatabase database = new();
    private readonly string folder = System.IO.Directory.CreateTempSubdirectory("referralhub-audit-").FullName;
    private AuditCheckpointKey? key;

    private AuditCheckpointKey Key => key!;

    private AuditCheckpointFolder Checkpoints => new(Path.Combine(folder, "checkpoints"));

    public async Task InitializeAsync() => key = await AuditCheckpointKey.LoadOrCreateAsync(Path.Combine(folder, "key.pem"), CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_untouched_chain_verifies()
    {
        await AppendAsync(3);

        var verification = await VerifyAsync();
        Assert.True(verification.Intact);
        Assert.Equal((3L, 3L), (verification.RecordsChecked, verification.Last!.Value.Sequence));
    }

    [Fact]
    public async Task Altering_a_record_breaks_the_chain_at_that_record()
    {
        await AppendAsync(3);
        await TamperAsync(2, r => r.Json = r.Json.Replace("ngo-ng-edo", "ngo-ng-lagos", StringComparison.Ordinal));

        var finding = Assert.Single((await VerifyAsync()).Findings);
        Assert.Equal((AuditFindingCode.RecordAltered, 2L), (finding.Code, finding.Sequence));
    }

    [Theory]
    [InlineData(nameof(AuditRecord.CustodianOrganizationId))]
    [InlineData(nameof(AuditRecord.PatientId))]
    [InlineData(nameof(AuditRecord.RecipientOrganizationId))]
    [InlineData(nameof(AuditRecord.Recorded))]
    [InlineData(nameof(AuditRecord.Id))]
    public async Task Changing_a_column_that_decides_who_sees_a_record_breaks_the_chain_at_that_record(string column)
    {
        await AppendAsync(3);
        await TamperAsync(2, r =>
        {
            switch (column)
            {
                case nameof(AuditRecord.CustodianOrganizationId): r.CustodianOrganizationId = "ngo-ng-lagos"; break;
                case nameof(AuditRecord.PatientId): r.PatientId = "patient-0"; break;
                case nameof(AuditRecord.RecipientOrganizationId): r.RecipientOrganizationId = "gov-ng-agency"; break;
                case nameof(AuditRecord.Recorded): r.Recorded = r.Recorded.AddDays(-1); break;
                default: r.Id = Guid.NewGuid().ToString(); break;
            }
        });

        var finding = Assert.Single((await VerifyAsync()).Findings);
        Assert.Equal((AuditFindingCode.RecordAltered, 2L), (finding.Code, finding.Sequence));
    }

    [Fact]
    public async Task Removing_a_record_breaks_the_chain()
    {
        await AppendAsync(3);
        await using (var db = Context())
        {
            db.AuditRecords.Remove(await db.AuditRecords.SingleAsync(r => r.Sequence == 2));
            await db.SaveChangesAsync();
        }

        var finding = (await VerifyAsync()).Findings[0];
        Assert.Equal((AuditFindingCode.RecordMissing, 2L), (finding.Code, finding.Sequence));
    }

    [Fact]
    public async Task Truncating_the_tail_and_the_head_is_detected_only_against_a_checkpoint()
    {
        await AppendAsync(4);
        await CheckpointAsync();
        await TruncateAsync(keep: 2);

        Assert.True((await VerifyAsync(withCheckpoints: false)).Intact);
        var finding = Assert.Single((await VerifyAsync()).Findings);
        Assert.Equal((AuditFindingCode.TailTruncated, 3L), (finding.Code, finding.Sequence));
        Assert.Contains("below checkpoint 4", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_rewritten_with_recomputed_hashes_no_longer_matches_its_checkpoint()
    {
        await AppendAsync(4);
        await CheckpointAsync();
        await using (var db = Context())
        {
            var records = await db.AuditRecords.OrderBy(r => r.Sequence).ToListAsync();
            records[1].RecipientOrganizationId = "gov-ng-agency";
            var previous = records[0].Hash;
            foreach (var record in records.Skip(1))
            {
                record.PreviousHash = previous;
                record.Hash = AuditRecordHash.Compute(record);
                previous = record.Hash;
            }

            (await db.AuditChainHeads.SingleAsync()).LastHash = previous;
            await db.SaveChangesAsync();
        }

        Assert.True((await VerifyAsync(withCheckpoints: false)).Intact);
        var finding = Assert.Single((await VerifyAsync()).Findings);
        Assert.Equal((AuditFindingCode.CheckpointMismatch, 4L), (finding.Code, finding.Sequence));
    }

    [Fact]
    public async Task A_checkpoint_whose_content_was_changed_or_that_another_key_signed_is_reported_and_not_relied_on()
    {
        await AppendAsync(2);
        var written = await CheckpointAsync();
        var path = Path.Combine(Checkpoints.Path, written.FileName);
        await File.WriteAllTextAsync(path, (written with { Sequence = 9 }).ToJson());
        using var otherKey = await AuditCheckpointKey.LoadOrCreateAsync(Path.Combine(folder, "other-key.pem"), CancellationToken.None);
        await Checkpoints.WriteAsync(otherKey.Sign(1, "0123456789abcdef", DateTimeOffset.UtcNow), CancellationToken.None);

        var verification = await VerifyAsync();
        Assert.Equal([AuditFindingCode.CheckpointInvalid, AuditFindingCode.CheckpointInvalid], verification.Findings.Select(f => f.Code));
        Assert.Contains(verification.Findings, f => f.Detail.Contains("another key", StringComparison.Ordinal));
        Assert.Equal(0, verification.ValidCheckpoints);
    }

    [Fact]
    public async Task The_checkpointer_signs_only_an_intact_log_and_checks_from_its_latest_checkpoint()
    {
        await AppendAsync(2);
        await CheckpointAsync();
        await AppendAsync(2);

        var since = await VerifyAsync(scope: AuditVerificationScope.SinceLatestCheckpoint);
        Assert.Equal((2L, 3L, 2L), (since.FirstSequence, since.RecordsChecked, since.Unanchored));
        Assert.Equal(4L, (await CheckpointAsync()).Sequence);

        await TamperAsync(4, r => r.PatientId = "patient-0");
        await AppendAsync(1);
        await using var db = Context();
        var verification = await new AuditVerifier(db, Key).VerifyAsync(await Checkpoints.ReadAllAsync(CancellationToken.None), AuditVerificationScope.SinceLatestCheckpoint, CancellationToken.None);
        Assert.False(verification.Intact);
        Assert.Null(await new AuditCheckpoints(db, Checkpoints, Key, TimeProvider.System).CheckpointAsync(verification, CancellationToken.None));
        Assert.Equal(2, (await Checkpoints.ReadAllAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task The_scheduled_check_starts_from_the_newest_valid_checkpoint_and_reports_a_forged_newer_file()
    {
        await AppendAsync(2);
        await CheckpointAsync();
        await AppendAsync(2);
        await CheckpointAsync();
        await AppendAsync(1);
        await File.WriteAllTextAsync(Path.Combine(Checkpoints.Path, "checkpoint-9999999999999999999-ffffffffffffffff.json"), "{}");

        await using var db = Context();
        var verification = await new AuditCheckpoints(db, Checkpoints, Key, TimeProvider.System).VerifyAsync(AuditVerificationScope.SinceLatestCheckpoint, CancellationToken.None);

        Assert.Equal((4L, 2L, 1), (verification.FirstSequence, verification.RecordsChecked, verification.ValidCheckpoints));
        var finding = Assert.Single(verification.Findings);
        Assert.Equal((AuditFindingCode.CheckpointInvalid, "checkpoint-9999999999999999999-ffffffffffffffff.json"), (finding.Code, finding.Checkpoint));
    }

    [Fact]
    public async Task Records_appended_in_one_unit_of_work_join_the_chain_in_the_order_they_were_appended_at_each_save()
    {
        await AppendAsync(1);
        await using (var db = Context())
        {
            var log = new AuditLog(db);
            var appended = new List<string>();
            appended.Add(log.Append(Disclosure("patient-a")).Id!);
            appended.Add(log.Append(Disclosure("patient-b")).Id!);
            await db.SaveChangesAsync();
            appended.Add(log.Append(Disclosure("patient-c")).Id!);
            await db.SaveChangesAsync();

            var chained = await db.AuditRecords.AsNoTracking().Where(r => r.Sequence > 1).OrderBy(r => r.Sequence).Select(r => new { r.Sequence, r.Id }).ToListAsync();
            Assert.Equal([2L, 3L, 4L], chained.Select(r => r.Sequence));
            Assert.Equal(appended, chained.Select(r => r.Id));
        }

        var verification = await VerifyAsync();
        Assert.True(verification.Intact);
        Assert.Equal(4L, verification.RecordsChecked);
    }

    [Fact]
    public async Task An_audit_event_names_the_recipient_the_consent_and_each_data_class()
    {
        await AppendAsync(1);

        await using var db = Context();
        var json = (await db.AuditRecords.SingleAsync()).Json;
        Assert.Contains("Organization/ngo-ng-edo", json, StringComparison.Ordinal);
        Assert.Contains("Consent/consent-1", json, StringComparison.Ordinal);
        Assert.Contains("\"valueString\":\"birth-year\"", json, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        key?.Dispose();
        database.Dispose();
        System.IO.Directory.Delete(folder, recursive: true);
    }

    private async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var db = Context();
            new AuditLog(db).Append(Disclosure($"patient-{i}"));
            await db.SaveChangesAsync();
        }
    }

    private static DisclosureAudit Disclosure(string patientId) =>
        new("shelter-it-roma", "ngo-ng-edo", patientId, "consent-1", "reintegration-assistance", $"task-of-{patientId}",
            [new DisclosedEntity("Patient", patientId, ["referral", "name", "birth-year"])], DateTimeOffset.UtcNow);

    private async Task TamperAsync(long sequence, Action<AuditRecord> change)
    {
        await using var db = Context();
        change(await db.AuditRecords.SingleAsync(r => r.Sequence == sequence));
        await db.SaveChangesAsync();
    }

    /// <summary>Removes the records after <paramref name="keep"/> and sets the head back to it: a truncation that leaves the chain consistent.</summary>
    private async Task TruncateAsync(long keep)
    {
        await using var db = Context();
        await db.AuditRecords.Where(r => r.Sequence > keep).ExecuteDeleteAsync();
        var last = await db.AuditRecords.SingleAsync(r => r.Sequence == keep);
        var head = await db.AuditChainHeads.SingleAsync();
        (head.LastSequence, head.LastHash) = (last.Sequence, last.Hash);
        await db.SaveChangesAsync();
    }

    private async Task<AuditCheckpoint> CheckpointAsync()
    {
        await using var db = Context();
        var checkpoints = new AuditCheckpoints(db, Checkpoints, Key, TimeProvider.System);
        var verification = await checkpoints.VerifyAsync(AuditVerificationScope.Full, CancellationToken.None);
        return (await checkpoints.CheckpointAsync(verification, CancellationToken.None))!;
    }

    private async Task<AuditVerification> VerifyAsync(bool withCheckpoints = true, AuditVerificationScope scope = AuditVerificationScope.Full)
    {
        await using var db = Context();
        var stored = withCheckpoints ? await Checkpoints.ReadAllAsync(CancellationToken.None) : [];
        return await new AuditVerifier(db, Key).VerifyAsync(stored, scope, CancellationToken.None);
    }

    private GatewayDbContext Context() => database.Context();
}
