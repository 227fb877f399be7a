using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.MessageSigning;

/// <summary>
/// Messages agencies send back may be signed with the key registered for their API client: the hub verifies the
/// signature, records the outcome in the audit log with what the message did, and refuses one that does not verify.
/// </summary>
public sealed class SignedAgencyMessageTests(HubServerFixture hub) : IClassFixture<HubServerFixture>
{
    private readonly HubClient shelter = hub.ClientFor(HubServerFixture.Shelter);
    private readonly HubClient edo = hub.ClientFor(HubServerFixture.NgoEdo);

    [Fact]
    public async Task A_status_change_signed_with_the_agencys_registered_key_is_applied_and_audited_as_verified_by_that_key()
    {
        using var key = new AgencySigningKey();
        await key.RegisterAsync(hub.Services, HubServerFixture.NgoEdo);
        var (taskId, message, body) = await AcceptanceAsync();

        var answer = await ProcessMessageAsync(body, key.Sign(body));

        Expect.That(answer.Status == HttpStatusCode.OK && answer.As<Bundle>().Signature is not null, "the hub applies it and answers with its own signed response", answer.Describe());
        var task = (await shelter.GetAsync($"Task/{taskId}")).ShouldBe(HttpStatusCode.OK, "the shelter reads its Task").As<FhirTask>();
        Expect.That(task.Status == FhirTask.TaskStatus.Accepted, "the Task is accepted", task.Status?.ToString());
        var audited = await ReceivedAuditAsync(message);
        Expect.That(audited is not null && Detail(audited, "signature") == "verified" && Detail(audited, "signature-kid") == key.KeyId,
            "ngo-ng-edo's audit log records the message as verified with its key", audited?.Id);
    }

    [Fact]
    public async Task A_status_change_whose_signature_does_not_verify_is_refused_and_changes_nothing_and_the_same_change_unsigned_is_audited_as_unsigned()
    {
        using var key = new AgencySigningKey();
        await key.RegisterAsync(hub.Services, HubServerFixture.NgoEdo);
        using var unregistered = new AgencySigningKey();
        var (taskId, message, body) = await AcceptanceAsync();
        var tampered = body.ToArray();
        tampered[tampered.Length / 2] ^= 0x01;

        (await ProcessMessageAsync(body, key.Sign(tampered))).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a signature over other bytes");
        (await ProcessMessageAsync(body, unregistered.Sign(body))).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a signature by a key the hub does not know");
        var task = (await shelter.GetAsync($"Task/{taskId}")).ShouldBe(HttpStatusCode.OK, "the shelter reads its Task").As<FhirTask>();
        Expect.That(task.Status == FhirTask.TaskStatus.Requested, "the refused messages changed nothing", task.Status?.ToString());
        Expect.That(await ReceivedAuditAsync(message) is null, "nothing of them entered the audit log");

        (await ProcessMessageAsync(body, jws: null)).ShouldBe(HttpStatusCode.OK, "the same message unsigned is applied");
        var audited = await ReceivedAuditAsync(message);
        Expect.That(audited is not null && Detail(audited, "signature") == "unsigned" && Detail(audited, "signature-kid") is null,
            "ngo-ng-edo's audit log records it as unsigned", audited?.Id);
    }

    /// <summary>A referral delivered to ngo-ng-edo and its acceptance as a task-status-changed message, serialised once: the bytes that are signed and sent.</summary>
    private async Task<(string TaskId, Bundle Message, byte[] Body)> AcceptanceAsync()
    {
        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        var task = await LifecycleSteps.DeliveredAsync(edo, referral.TaskId);
        task.Status = FhirTask.TaskStatus.Accepted;
        var message = AgencyMessages.TaskStatusChanged(task);
        return (referral.TaskId, message, Encoding.UTF8.GetBytes(FhirJson.Serialize(message)));
    }

    private Task<HubResponse> ProcessMessageAsync(byte[] body, string? jws)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        return edo.SendAsync(HttpMethod.Post, "$process-message", content, request =>
        {
            if (jws is not null)
            {
                request.Headers.Add("X-ReferralHub-JWS", jws);
            }
        });
    }

    /// <summary>The AuditEvent in ngo-ng-edo's log recording that it sent the message, or null.</summary>
    private async Task<AuditEvent?> ReceivedAuditAsync(Bundle message)
    {
        var log = (await edo.GetAsync("AuditEvent?_count=200")).ShouldBe(HttpStatusCode.OK, "ngo-ng-edo reads its audit log").As<Bundle>();
        return log.Entry.Select(e => e.Resource).OfType<AuditEvent>()
            .FirstOrDefault(a => a.Entity.Any(e => e.What?.Identifier?.Value == message.Identifier?.Value));
    }

    private static string? Detail(AuditEvent audit, string type) =>
        audit.Entity.SelectMany(e => e.Detail).FirstOrDefault(d => d.Type == type)?.Value?.ToString();
}
