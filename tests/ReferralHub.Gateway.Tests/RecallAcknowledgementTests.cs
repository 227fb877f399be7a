using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReferralHub.Consent.Policy;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Signing;
using ReferralHub.Gateway.Tasks;
using ReferralHub.Gateway.Tests.Signing;
using Task = System.Threading.Tasks.Task;

namespace ReferralHub.Gateway.Tests;

/// <summary>
/// A recipient's acknowledgement of a recall is recorded once, even when the hub sends the same recall again between
/// reading the recall and saving the acknowledgement.
/// </summary>
public sealed class RecallAcknowledgementTests : IDisposable
{
    private const string Recipient = "ngo-ng-edo";
    private const string RecallId = "recall";

    private readonly InMemoryGatewayDatabase database = new();

    public RecallAcknowledgementTests()
    {
        using var db = Context();
        db.OutboundMessages.Add(new OutboundMessage
        {
            Id = RecallId,
            RecipientOrganizationId = Recipient,
            Event = MessageEvent.ConsentWithdrawn,
            CustodianOrganizationId = "shelter-it-roma",
            PatientId = "patient",
            ConsentId = "consent",
            VersionId = 1,
            Attempts = 1,
            Json = "{}",
        });
        db.SaveChanges();
    }

    [Fact]
    public async Task An_acknowledgement_that_races_a_re_send_of_its_recall_is_recorded_not_refused()
    {
        await AcknowledgeAsync(Recipient, new ResendFirst(Context));

        await using var db = Context();
        var recall = await db.OutboundMessages.SingleAsync();
        Assert.Equal((2, "ok"), (recall.VersionId, recall.ResponseCode));
        Assert.NotNull(recall.AcknowledgedAt);
        var audit = FhirJson.Parse<AuditEvent>(Assert.Single(await db.AuditRecords.ToListAsync()).Json);
        Assert.Equal(AuditEvent.AuditEventOutcome.N0, audit.Outcome);
        Assert.Single(await db.OutboxMessages.ToListAsync());
    }

    [Fact]
    public async Task Acknowledging_a_recall_twice_records_it_once()
    {
        await AcknowledgeAsync(Recipient);
        await AcknowledgeAsync(Recipient);

        await using var db = Context();
        Assert.Single(await db.AuditRecords.ToListAsync());
        Assert.Single(await db.OutboxMessages.ToListAsync());
    }

    [Fact]
    public async Task An_acknowledgement_of_another_organisations_recall_is_refused_and_changes_nothing()
    {
        var refused = await Assert.ThrowsAsync<FhirInputException>(() => AcknowledgeAsync("ngo-ng-lagos"));

        Assert.Equal(422, refused.Status);
        await using var db = Context();
        Assert.Null((await db.OutboundMessages.SingleAsync()).AcknowledgedAt);
        Assert.Empty(await db.AuditRecords.ToListAsync());
    }

    public void Dispose() => database.Dispose();

    private async Task AcknowledgeAsync(string organizationId, IInterceptor? interceptor = null)
    {
        await using var db = Context(interceptor);
        var disclosed = new DisclosedResources(db, new DisclosurePermits(db, new ConsentEvaluator()));
        var mailbox = new Mailbox(db, new AuditLog(db), new TaskViews(db, disclosed), disclosed, await TestMessageSigner.CreateAsync());
        await mailbox.AcknowledgeAsync(organizationId, Response(), ReceivedSignature.Unsigned, CancellationToken.None);
    }

    private static Bundle Response() => new()
    {
        Type = Bundle.BundleType.Message,
        Identifier = new Identifier("urn:ietf:rfc:3986", $"urn:uuid:{Guid.NewGuid()}"),
        Entry =
        [
            new Bundle.EntryComponent
            {
                Resource = new MessageHeader
                {
                    Event = new Coding(HubVocabulary.MessageEvents.Url, MessageEvent.ConsentWithdrawn),
                    Source = new MessageHeader.MessageSourceComponent { Endpoint = "https://agency.example" },
                    Response = new MessageHeader.ResponseComponent { Identifier = RecallId, Code = MessageHeader.ResponseType.Ok },
                },
            },
        ],
    };

    private GatewayDbContext Context(IInterceptor? interceptor = null) => database.Context(interceptor);

    /// <summary>The recall sweeper's re-send commits between this acknowledgement's read and its first save.</summary>
    private sealed class ResendFirst(Func<IInterceptor?, GatewayDbContext> context) : SaveChangesInterceptor
    {
        private bool resent;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!resent)
            {
                resent = true;
                await using var other = context(null);
                var recall = await other.OutboundMessages.SingleAsync(m => m.Id == RecallId, cancellationToken);
                recall.VersionId++;
                recall.Attempts++;
                await other.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
    }
}
