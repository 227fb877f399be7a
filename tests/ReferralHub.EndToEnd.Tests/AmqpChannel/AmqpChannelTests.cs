using System.Diagnostics;
using System.Globalization;
using System.Net;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.MessageSigning;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.AmqpChannel;

/// <summary>
/// The AMQP channel as an agency uses it: with the plain RabbitMQ client and the broker user an operator opened for
/// it, on the real broker.
/// </summary>
[Collection(AgencyBrokerUsers.Name)]
public sealed class AmqpChannelTests(AmqpHub fixture) : IClassFixture<AmqpHub>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);
    private readonly HubServerFixture hub = fixture.Hub;

    [Fact]
    public async Task An_agency_consumes_its_referral_from_its_own_queue_answers_accepted_and_the_referrer_sees_the_Task_accepted()
    {
        var edoCredentials = await OpenChannelAsync(NgoEdo);
        var lagosCredentials = await OpenChannelAsync(NgoLagos);
        using var shelter = hub.ClientFor(Shelter);
        var submitted = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());

        await using var edo = await AgencyAmqpClient.ConnectAsync(edoCredentials);
        var referral = await edo.NextAsync(bundle => IsAbout(bundle, "referral-request", submitted.TaskId), Within);
        Assert.Equal("application/fhir+json", referral.ContentType);
        Assert.Equal(referral.Bundle.Identifier?.Value, referral.MessageId);
        var task = referral.Bundle.Entry.Select(e => e.Resource).OfType<FhirTask>().Single();
        Assert.Equal(FhirTask.TaskStatus.Requested, task.Status);
        Assert.Single(referral.Bundle.Entry.Select(e => e.Resource).OfType<Patient>());

        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(async () =>
        {
            await using var intruding = await edo.Connection.CreateChannelAsync();
            await intruding.BasicConsumeAsync(lagosCredentials.Queue, autoAck: false, new AsyncEventingBasicConsumer(intruding));
        });
        Assert.Equal((ushort)403, refused.ShutdownReason?.ReplyCode);

        task.Status = FhirTask.TaskStatus.Accepted;
        var accepted = AgencyMessages.TaskStatusChanged(task);
        await edo.SendAsync(accepted);

        var answer = await edo.NextAsync(bundle => RespondsTo(bundle, accepted), Within);
        Assert.Equal(MessageHeader.ResponseType.Ok, answer.Header.Response!.Code);
        var seen = (await shelter.GetAsync($"Task/{submitted.TaskId}")).ShouldBe(HttpStatusCode.OK, "the referrer reads its Task").As<FhirTask>();
        Assert.Equal(FhirTask.TaskStatus.Accepted, seen.Status);
        var changed = await LifecycleSteps.MessagesAsync(shelter);
        Assert.Contains(changed, bundle => IsAbout(bundle, "task-status-changed", submitted.TaskId));
    }

    [Fact]
    public async Task A_referral_published_to_an_agency_carries_the_trace_context_of_its_submission()
    {
        var edoCredentials = await OpenChannelAsync(NgoEdo);
        using var shelter = hub.ClientFor(Shelter);
        await shelter.GetAsync("metadata");
        using var submission = new Activity("shelter submits a referral").SetIdFormat(ActivityIdFormat.W3C).Start();
        var submitted = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        submission.Stop();

        await using var edo = await AgencyAmqpClient.ConnectAsync(edoCredentials);
        var referral = await edo.NextAsync(bundle => IsAbout(bundle, "referral-request", submitted.TaskId), Within);

        Assert.Equal(submission.TraceId.ToHexString(), referral.TraceParent?.Split('-')[1]);
    }

    [Fact]
    public async Task A_message_on_an_agency_queue_carries_the_hubs_detached_signature_over_its_exact_body_and_a_changed_byte_fails_it()
    {
        var credentials = await OpenChannelAsync(NgoEdo);
        using var shelter = hub.ClientFor(Shelter);
        var submitted = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        await using var edo = await AgencyAmqpClient.ConnectAsync(credentials);
        var referral = await edo.NextAsync(bundle => IsAbout(bundle, "referral-request", submitted.TaskId), Within);
        var keys = (await hub.AnonymousClient().GetAsync(".well-known/message-signing-keys")).ShouldBe(HttpStatusCode.OK, "anyone reads the hub's message-signing keys").Body;

        var header = IndependentJws.Verify(keys, referral.Body, referral.Jws);
        Assert.True(header is not null, $"the X-ReferralHub-JWS header verifies over the body with a published key: {referral.Jws}");
        Assert.True(DateTimeOffset.Parse(header.Value.GetProperty("sigT").GetString()!, CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(-5),
            "the protected header says when the hub signed");
        var tampered = referral.Body.ToArray();
        tampered[tampered.Length / 2] ^= 0x01;
        Assert.Null(IndependentJws.Verify(keys, tampered, referral.Jws));
    }

    [Fact]
    public async Task A_status_message_whose_signature_does_not_verify_is_answered_fatal_error_and_changes_nothing_and_a_signed_one_is_applied()
    {
        using var shelter = hub.ClientFor(Shelter);
        var (submitted, task, edo) = await ReferralOnEdosQueueAsync(shelter);
        await using var _ = edo;
        using var key = new AgencySigningKey();
        await key.RegisterAsync(hub.Services, NgoEdo);
        task.Status = FhirTask.TaskStatus.Accepted;

        var badlySigned = AgencyMessages.TaskStatusChanged(task);
        await edo.SendAsync(badlySigned, body => key.Sign([.. body, (byte)' ']));
        var refused = await edo.NextAsync(bundle => RespondsTo(bundle, badlySigned), Within);
        Assert.Equal(MessageHeader.ResponseType.FatalError, refused.Header.Response!.Code);
        Assert.Contains(refused.Bundle.Entry.Select(e => e.Resource).OfType<OperationOutcome>().Single().Issue, issue => issue.Code == OperationOutcome.IssueType.Security);
        var unchanged = (await shelter.GetAsync($"Task/{submitted.TaskId}")).ShouldBe(HttpStatusCode.OK, "the referrer reads its Task").As<FhirTask>();
        Assert.Equal(FhirTask.TaskStatus.Requested, unchanged.Status);

        var signed = AgencyMessages.TaskStatusChanged(task);
        await edo.SendAsync(signed, key.Sign);
        var applied = await edo.NextAsync(bundle => RespondsTo(bundle, signed), Within);
        Assert.Equal(MessageHeader.ResponseType.Ok, applied.Header.Response!.Code);
        Assert.NotNull(IndependentJws.Verify((await hub.AnonymousClient().GetAsync(".well-known/message-signing-keys")).Body, applied.Body, applied.Jws));
    }

    [Fact]
    public async Task A_status_message_sent_twice_changes_the_Task_once_and_is_answered_with_the_same_response_twice()
    {
        using var shelter = hub.ClientFor(Shelter);
        var (submitted, task, edo) = await ReferralOnEdosQueueAsync(shelter);
        await using var _ = edo;

        task.Status = FhirTask.TaskStatus.Accepted;
        var accepted = AgencyMessages.TaskStatusChanged(task);
        await edo.SendAsync(accepted);
        var first = await edo.NextAsync(bundle => RespondsTo(bundle, accepted), Within);
        var versionAfterFirst = (await shelter.GetAsync($"Task/{submitted.TaskId}")).As<FhirTask>().Meta!.VersionId;

        await edo.SendAsync(accepted);
        var second = await edo.NextAsync(bundle => RespondsTo(bundle, accepted), Within);

        Assert.Equal(MessageHeader.ResponseType.Ok, second.Header.Response!.Code);
        Assert.Equal(first.Bundle.Identifier!.Value, second.Bundle.Identifier!.Value);
        Assert.Equal(versionAfterFirst, (await shelter.GetAsync($"Task/{submitted.TaskId}")).As<FhirTask>().Meta!.VersionId);
    }

    [Fact]
    public async Task A_status_message_the_hub_cannot_apply_is_answered_with_a_fatal_error_and_changes_nothing()
    {
        using var shelter = hub.ClientFor(Shelter);
        var (submitted, task, edo) = await ReferralOnEdosQueueAsync(shelter);
        await using var _ = edo;

        task.Status = FhirTask.TaskStatus.Rejected;
        task.StatusReason = new CodeableConcept { Text = "We are full." };
        var uncodedDecline = AgencyMessages.TaskStatusChanged(task);
        await edo.SendAsync(uncodedDecline);

        var answer = await edo.NextAsync(bundle => RespondsTo(bundle, uncodedDecline), Within);
        Assert.Equal(MessageHeader.ResponseType.FatalError, answer.Header.Response!.Code);
        var outcome = answer.Bundle.Entry.Select(e => e.Resource).OfType<OperationOutcome>().Single();
        Assert.Contains("decline-reason", Expect.TextOf(outcome), StringComparison.Ordinal);
        Assert.Equal(FhirTask.TaskStatus.Requested, (await shelter.GetAsync($"Task/{submitted.TaskId}")).As<FhirTask>().Status);
    }

    [Fact]
    public async Task Only_operators_open_AMQP_channels()
    {
        using var edo = hub.ClientFor(NgoEdo);
        (await edo.PostAsync($"Organization/{NgoEdo}/$open-amqp-channel", new Parameters()))
            .ShouldBeOutcome(HttpStatusCode.Forbidden, "an organisation opening its own AMQP channel");
    }

    /// <summary>A referral from the shelter to ngo-ng-edo, as ngo-ng-edo took it from its queue (with its client still connected).</summary>
    private async Task<(SubmittedReferral Submitted, FhirTask Task, AgencyAmqpClient Edo)> ReferralOnEdosQueueAsync(HubClient shelter)
    {
        var credentials = await OpenChannelAsync(NgoEdo);
        var submitted = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        var edo = await AgencyAmqpClient.ConnectAsync(credentials);
        var referral = await edo.NextAsync(bundle => IsAbout(bundle, "referral-request", submitted.TaskId), Within);
        return (submitted, referral.Bundle.Entry.Select(e => e.Resource).OfType<FhirTask>().Single(), edo);
    }

    private async Task<AgencyCredentials> OpenChannelAsync(string organization)
    {
        using var operations = hub.ClientFor("hub-operations");
        var opened = (await operations.PostAsync($"Organization/{organization}/$open-amqp-channel", new Parameters()))
            .ShouldBe(HttpStatusCode.OK, $"the operator opens the AMQP channel of {organization}");
        return AgencyCredentials.From(opened.As<Parameters>());
    }

    private static bool IsAbout(Bundle bundle, string messageEvent, string taskId) =>
        bundle.Entry.FirstOrDefault()?.Resource is MessageHeader header
        && header.Event is Coding { System: Vocabulary.MessageEvent } coding && coding.Code == messageEvent
        && header.Response is null
        && header.Focus.Any(f => f.Reference == $"Task/{taskId}");

    private static bool RespondsTo(Bundle bundle, Bundle request) =>
        bundle.Entry.FirstOrDefault()?.Resource is MessageHeader { Response: { } response }
        && response.Identifier == ((MessageHeader)request.Entry[0].Resource!).Id;
}
