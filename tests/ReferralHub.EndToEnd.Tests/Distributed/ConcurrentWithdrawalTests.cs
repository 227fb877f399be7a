using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralHub.Contracts.Messages;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.Routing;
using ReferralHub.Routing.Recalls;
using ReferralHub.Routing.Storage;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>
/// The withdrawal of a consent and the news of a referral disclosed under it, handled by Routing at the same moment (two
/// consumers, or two instances) on PostgreSQL: whichever transaction starts first, the referral ends and its recipient is
/// recalled. Each interleaving is forced, not hoped for: the first transaction stays open while the second runs.
/// </summary>
public sealed class ConcurrentWithdrawalTests : IAsyncLifetime
{
    private const string ConsentId = "consent-withdrawn-meanwhile";
    private const string PatientId = "patient-of-the-race";
    private const string TaskId = "task-disclosed-meanwhile";

    private static readonly ConsentWithdrawn Withdrawal =
        new(ConsentId, PatientId, HubServerFixture.Shelter, "consent-inactive", DateTimeOffset.UtcNow, Version: 2);

    private ThrowawayDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await ThrowawayDatabase.CreateAsync(TestServers.Postgres);
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_referrals_news_handled_while_the_withdrawal_is_uncommitted_still_ends_and_recalls_the_referral()
    {
        await using var withdrawing = NewContext();
        await using var withdrawal = await withdrawing.Database.BeginTransactionAsync();
        await WithdrawalsOf(withdrawing).RecordAsync(Withdrawal, CancellationToken.None);
        await withdrawing.SaveChangesAsync();

        await using var recording = NewContext();
        await using var news = await recording.Database.BeginTransactionAsync();
        var referral = DisclosedReferral();
        recording.Referrals.Add(referral);
        var applying = WithdrawalsOf(recording).ApplyIfWithdrawnAsync(referral, version: 1, CancellationToken.None);
        await database.DoneOrWaitingAsync(applying);
        await withdrawal.CommitAsync();
        await applying;
        await recording.SaveChangesAsync();
        await news.CommitAsync();

        await AssertEndedAndRecalledAsync();
    }

    [Fact]
    public async Task A_withdrawal_handled_while_a_referrals_news_is_uncommitted_still_ends_and_recalls_the_referral()
    {
        await using var recording = NewContext();
        await using var news = await recording.Database.BeginTransactionAsync();
        var referral = DisclosedReferral();
        recording.Referrals.Add(referral);
        await WithdrawalsOf(recording).ApplyIfWithdrawnAsync(referral, version: 1, CancellationToken.None);
        await recording.SaveChangesAsync();

        await using var withdrawing = NewContext();
        await using var withdrawal = await withdrawing.Database.BeginTransactionAsync();
        var recordingWithdrawal = WithdrawalsOf(withdrawing).RecordAsync(Withdrawal, CancellationToken.None);
        await database.DoneOrWaitingAsync(recordingWithdrawal);
        await news.CommitAsync();
        await recordingWithdrawal;
        await withdrawing.SaveChangesAsync();
        await withdrawal.CommitAsync();

        await AssertEndedAndRecalledAsync();
    }

    private async Task AssertEndedAndRecalledAsync()
    {
        await using var db = NewContext();
        var referral = await db.Referrals.SingleAsync(r => r.TaskId == TaskId);
        Assert.Equal(ReferralState.Withdrawn, referral.State);
        var endTasks = await db.OutboxMessages.Where(m => m.MessageType.Contains(nameof(EndTask)) && m.Payload.Contains(TaskId)).CountAsync();
        Assert.True(endTasks == 1, $"the referral's Task is ended once, not {endTasks} times");
        var recall = await db.Recalls.SingleAsync(r => r.ConsentId == ConsentId && r.RecipientOrganizationId == HubServerFixture.NgoEdo);
        Assert.Contains(TaskId, recall.TaskIds.Split(' '));
    }

    private static Referral DisclosedReferral() => new()
    {
        TaskId = TaskId,
        RequesterOrganizationId = HubServerFixture.Shelter,
        RecipientOrganizationId = HubServerFixture.NgoEdo,
        PatientId = PatientId,
        ConsentIds = ConsentId,
        GoverningConsentId = ConsentId,
        State = ReferralState.Delivered,
        TaskStatus = "requested",
        UpdatedAt = DateTime.UtcNow,
    };

    private static ConsentWithdrawals WithdrawalsOf(RoutingDbContext db) => new(db, new RecallBook(db, Options.Create(new RecallOptions())));

    private RoutingDbContext NewContext() =>
        new(HubStorage.PostgresOptions<RoutingDbContext>(database.ConnectionString, RoutingService.ServiceName));
}
