using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using ReferralHub.Consent.Policy;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.FollowUps;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;
using ReferralHub.Gateway.Tests.Signing;
using FhirTask = Hl7.Fhir.Model.Task;
using Task = System.Threading.Tasks.Task;

namespace ReferralHub.Gateway.Tests;

/// <summary>
/// The follow-up monitor's check: one <c>follow-up-due</c> notice per follow-up and due date, to its owner, only while
/// the consent covers the recipient — however many times and Gateway instances check.
/// </summary>
public sealed class FollowUpNoticesTests : IDisposable
{
    private const string Recipient = "ngo-ng-edo";

    private readonly InMemoryGatewayDatabase database = new();

    public FollowUpNoticesTests()
    {
        using var db = Context();
        db.Tasks.Add(new ReferralTask
        {
            Id = "referral",
            Status = "accepted",
            RequesterOrganizationId = "shelter-it-roma",
            OwnerOrganizationId = Recipient,
            PatientId = "patient",
            ServiceRequestId = "request",
            ConsentId = "consent",
            DisclosedToOwner = true,
            Json = "{}",
        });
        StoredConsents.AddSurvivor(db, "patient", "shelter-it-roma", "consent", Recipient, DataClass.Referral);
        db.Disclosures.Add(new Disclosure
        {
            ResourceType = "ServiceRequest",
            Id = "request-copy",
            RecipientOrganizationId = Recipient,
            SourceId = "request",
            ConsentId = "consent",
            TaskId = "referral",
            PatientId = "patient",
            Purpose = Purpose.ReintegrationAssistance,
            DataClasses = DataClass.Referral,
            Json = "{}",
        });
        db.SaveChanges();
    }

    [Fact]
    public async Task A_due_follow_up_is_noticed_once_however_often_and_by_however_many_instances_the_monitor_checks()
    {
        await AddFollowUpAsync("due", DateTime.UtcNow.AddDays(-1));
        await AddFollowUpAsync("not-yet-due", DateTime.UtcNow.AddDays(1));

        Assert.Equal(1, await CheckAsync());
        Assert.Equal(0, await CheckAsync());
        Assert.Equal(0, await CheckAsync());

        await using var db = Context();
        var notice = Assert.Single(await db.OutboundMessages.ToListAsync());
        Assert.Equal((Recipient, MessageEvent.FollowUpDue), (notice.RecipientOrganizationId, notice.Event));
        var header = (MessageHeader)FhirJson.Parse<Bundle>(notice.Json).Entry[0].Resource!;
        Assert.Equal(["Task/due", "Task/referral"], header.Focus.Select(focus => focus.Reference));
    }

    [Fact]
    public async Task When_another_instance_records_the_notice_first_this_one_posts_nothing()
    {
        await AddFollowUpAsync("due", DateTime.UtcNow.AddDays(-1));
        var other = new OtherInstanceFirst(Context);

        Assert.Equal(0, await CheckAsync(other));

        await using var db = Context();
        Assert.Single(await db.FollowUpNotices.ToListAsync());
        Assert.Equal("posted-by-the-other-instance", Assert.Single(await db.OutboundMessages.ToListAsync()).Id);
    }

    [Fact]
    public async Task A_new_due_date_gets_a_new_notice()
    {
        await AddFollowUpAsync("due", DateTime.UtcNow.AddDays(-2));
        Assert.Equal(1, await CheckAsync());

        await using (var db = Context())
        {
            (await db.FollowUps.SingleAsync()).DueOn = DateTime.UtcNow.AddDays(-1);
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await CheckAsync());
        Assert.Equal(0, await CheckAsync());
    }

    [Fact]
    public async Task No_notice_reaches_a_recipient_the_consent_no_longer_covers()
    {
        await AddFollowUpAsync("due", DateTime.UtcNow.AddDays(-1));
        await using (var db = Context())
        {
            (await db.Disclosures.SingleAsync()).Withdraw(DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await CheckAsync());
    }

    [Fact]
    public async Task No_notice_reaches_a_recipient_whose_consent_was_withdrawn_even_before_the_hub_stopped_its_copies()
    {
        await AddFollowUpAsync("due", DateTime.UtcNow.AddDays(-1));
        await using (var db = Context())
        {
            var consent = await db.Resources.SingleAsync(r => r.ResourceType == "Consent");
            consent.Json = consent.Json.Replace("\"active\"", "\"inactive\"", StringComparison.Ordinal);
            consent.Status = "inactive";
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await CheckAsync());
    }

    public void Dispose() => database.Dispose();

    private async Task<int> CheckAsync(IInterceptor? interceptor = null)
    {
        await using var db = Context(interceptor);
        var permits = new DisclosurePermits(db, new ConsentEvaluator());
        var disclosed = new DisclosedResources(db, permits);
        var mailbox = new Mailbox(db, new AuditLog(db), new TaskViews(db, disclosed), disclosed, await TestMessageSigner.CreateAsync());
        return await new FollowUpNotices(db, new ReferralCoverage(db, permits), new FollowUpMessages(mailbox), Options.Create(new FollowUpOptions()))
            .PostDueAsync(CancellationToken.None);
    }

    private async Task AddFollowUpAsync(string id, DateTime dueOn)
    {
        await using var db = Context();
        var task = new FhirTask
        {
            Id = id,
            Status = FhirTask.TaskStatus.Requested,
            Intent = FhirTask.TaskIntent.Order,
            Restriction = new FhirTask.RestrictionComponent { Period = new Period { End = dueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) } },
        };
        db.FollowUps.Add(new FollowUp
        {
            Id = id,
            VersionId = 1,
            Status = "requested",
            ReferralTaskId = "referral",
            RequesterOrganizationId = "shelter-it-roma",
            OwnerOrganizationId = Recipient,
            DueOn = dueOn,
            OverdueFrom = dueOn.AddDays(1),
            Json = FhirJson.Serialize(task),
        });
        await db.SaveChangesAsync();
    }

    private GatewayDbContext Context(IInterceptor? interceptor = null) => database.Context(interceptor);

    /// <summary>Another Gateway instance commits the same notice between this instance's check and its save.</summary>
    private sealed class OtherInstanceFirst(Func<IInterceptor?, GatewayDbContext> context) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var notice = eventData.Context!.ChangeTracker.Entries<FollowUpNotice>().Single().Entity;
            await using var other = context(null);
            other.FollowUpNotices.Add(new FollowUpNotice { FollowUpId = notice.FollowUpId, DueOn = notice.DueOn, MessageId = "posted-by-the-other-instance" });
            other.OutboundMessages.Add(new OutboundMessage
            {
                Id = "posted-by-the-other-instance",
                RecipientOrganizationId = Recipient,
                Event = MessageEvent.FollowUpDue,
                CustodianOrganizationId = "shelter-it-roma",
                PatientId = "patient",
                ConsentId = "consent",
                Json = "{}",
            });
            await other.SaveChangesAsync(cancellationToken);
            return result;
        }
    }
}
