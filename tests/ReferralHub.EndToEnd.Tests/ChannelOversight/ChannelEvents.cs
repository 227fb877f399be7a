using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using ReferralHub.EndToEnd.Tests.Webhooks;

namespace ReferralHub.EndToEnd.Tests.ChannelOversight;

/// <summary>What an organisation sees of operators' changes to its channels: AuditEvents in its log, notices in its mailbox.</summary>
public static class ChannelEvents
{
    public const string ChannelChanged = "channel-changed";
    private const string MessageEvents = "http://referralhub.org/fhir/CodeSystem/message-event";

    /// <summary>The organisation's channel-change AuditEvents (<c>GET /fhir/AuditEvent</c>), oldest first.</summary>
    public static async Task<IReadOnlyList<AuditEvent>> AuditAsync(HubClient organization)
    {
        var search = (await organization.GetAsync("AuditEvent?_count=200")).ShouldBe(HttpStatusCode.OK, $"{organization.Caller} reads its audit log");
        return search.As<Bundle>().Entry.Select(e => e.Resource).OfType<AuditEvent>()
            .Where(a => a.Subtype.Any(s => s.System == MessageEvents && s.Code == ChannelChanged))
            .ToList();
    }

    /// <summary>Waits until the organisation's log holds a channel-change AuditEvent that fits.</summary>
    public static async Task<AuditEvent> AuditedAsync(HubClient organization, string what, Func<AuditEvent, bool> fits) =>
        (await Eventually.UntilAsync(
            $"{organization.Caller}'s audit log records that the operator {what}",
            async () => (await AuditAsync(organization)).LastOrDefault(fits),
            found => found is not null,
            _ => "not recorded"))!;

    /// <summary>The channel-changed message Bundles in the organisation's mailbox (<c>GET /fhir/Bundle</c>).</summary>
    public static async Task<IReadOnlyList<Bundle>> NoticesAsync(HubClient organization)
    {
        var mailbox = (await organization.GetAsync("Bundle?_count=200")).ShouldBe(HttpStatusCode.OK, $"{organization.Caller} reads its mailbox");
        return mailbox.As<Bundle>().Entry.Select(e => e.Resource).OfType<Bundle>().Where(IsNotice).ToList();
    }

    public static bool IsNotice(Bundle bundle) =>
        MessageHeaderOf(bundle) is { Event: Coding { System: MessageEvents, Code: ChannelChanged } };

    public static MessageHeader? MessageHeaderOf(Bundle bundle) => bundle.Entry.FirstOrDefault()?.Resource as MessageHeader;

    /// <summary>The notice whose focus is the AuditEvent, as it is in the mailbox.</summary>
    public static async Task<Bundle> NoticeOfAsync(HubClient organization, AuditEvent audit)
    {
        var notice = (await NoticesAsync(organization)).SingleOrDefault(b => MessageHeaderOf(b)!.Focus.Any(f => f.Reference == $"AuditEvent/{audit.Id}"));
        return Expect.NotNull(notice, $"{organization.Caller}'s mailbox holds a channel-changed message about AuditEvent/{audit.Id}");
    }

    /// <summary>The value of a detail of the AuditEvent's channel entity (address, previous-address, status).</summary>
    public static string? Detail(AuditEvent audit, string type) =>
        audit.Entity.SelectMany(e => e.Detail).Where(d => d.Type == type).Select(d => (d.Value as FhirString)?.Value).FirstOrDefault();

    /// <summary>The channel-changed deliveries a webhook endpoint received.</summary>
    public static IReadOnlyList<ReceivedDelivery> NoticesReceived(AgencyWebhook endpoint) =>
        endpoint.Received.Where(d => IsNotice(d.Bundle)).ToList();
}
