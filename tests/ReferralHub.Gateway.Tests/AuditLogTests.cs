using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Tests;

public sealed class AuditLogTests : IDisposable
{
    private readonly InMemoryGatewayDatabase database = new();

    [Fact]
    public async Task An_untouched_chain_verifies()
    {
        await AppendAsync(3);

        await using var db = Context();
        Assert.Null(await new AuditLog(db).VerifyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Altering_a_record_breaks_the_chain_at_that_record()
    {
        await AppendAsync(3);
        await using (var db = Context())
        {
            var second = await db.AuditRecords.SingleAsync(r => r.Sequence == 2);
            second.Json = second.Json.Replace("ngo-ng-edo", "ngo-ng-lagos", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        }

        await using var check = Context();
        Assert.Equal(2, await new AuditLog(check).VerifyAsync(CancellationToken.None));
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

        await using var check = Context();
        Assert.Equal(2, await new AuditLog(check).VerifyAsync(CancellationToken.None));
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

    public void Dispose() => database.Dispose();

    private async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var db = Context();
            await new AuditLog(db).AppendAsync(
                new DisclosureAudit("shelter-it-roma", "ngo-ng-edo", $"patient-{i}", "consent-1", "reintegration-assistance", $"task-{i}",
                    [new DisclosedEntity("Patient", $"patient-{i}", ["referral", "name", "birth-year"])], DateTimeOffset.UtcNow),
                CancellationToken.None);
            await db.SaveChangesAsync();
        }
    }

    private GatewayDbContext Context() => database.Context();
}
