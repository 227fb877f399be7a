using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Authorization;

/// <summary>
/// Issue 12, "one roles matrix": a person's <c>user/</c> scopes are honoured only within their roles (SECURITY.md,
/// "Roles"). The demo <c>supervisor@ngo-ng-lagos</c> holds the supervisor role alone: oversight without case work.
/// </summary>
public sealed class RolesMatrixTests(HubServerFixture hub) : IClassFixture<HubServerFixture>
{
    private const string Supervisor = "supervisor@ngo-ng-lagos";

    private readonly HubClient lagos = hub.ClientFor(NgoLagos);

    [Fact]
    public async Task A_supervisor_reads_the_cases_but_recording_cases_or_answering_referrals_is_refused_with_403()
    {
        var referral = await LagosReferralAsync();
        var supervisor = await hub.PersonClientAsync(Supervisor);

        (await supervisor.GetAsync($"Patient/{referral.PatientId}")).ShouldBe(HttpStatusCode.OK, "the supervisor reading a survivor of her organisation");
        Assert.Equal([referral.TaskId], await TaskIdsAsync(supervisor, $"Task?requester=Organization/{NgoLagos}&_id={referral.TaskId}"));
        (await supervisor.GetAsync($"AuditEvent?patient=Patient/{referral.PatientId}")).ShouldBe(HttpStatusCode.OK, "the supervisor reading the disclosure log");
        (await supervisor.SendAsync(HttpMethod.Get, $"Consent/{referral.ConsentId}/$receipt", configure: r => r.Headers.Accept.ParseAdd("text/html")))
            .ShouldBe(HttpStatusCode.OK, "the supervisor printing the consent receipt");

        var task = (await supervisor.GetAsync($"Task/{referral.TaskId}")).ShouldBe(HttpStatusCode.OK, "the supervisor reading the referral").As<FhirTask>();
        task.Status = FhirTask.TaskStatus.Cancelled;
        task.StatusReason = new CodeableConcept { Text = "Cancelled by the supervisor." };
        var consent = await supervisor.GetAsync($"Consent/{referral.ConsentId}");
        var narrowed = consent.As<FhirConsent>();
        LifecycleSteps.PermitClasses(narrowed, ["referral"]);
        var refusals = new Dictionary<string, HubResponse>
        {
            ["registering a survivor"] = await supervisor.PostAsync("Patient", new Patient { Name = [new HumanName { Family = "Refused" }] }),
            ["changing a consent"] = await supervisor.PutAsync($"Consent/{referral.ConsentId}", narrowed, consent.ETag),
            ["cancelling the referral"] = await supervisor.PutAsync($"Task/{referral.TaskId}", task, null),
            ["writing to the recipient"] = await supervisor.PostAsync("Communication", new Communication
            {
                Status = EventStatus.Completed,
                About = [new ResourceReference($"Task/{referral.TaskId}")],
                Payload = [new Communication.PayloadComponent { Content = new FhirString("Refused.") }],
            }),
        };
        foreach (var (action, answer) in refusals)
        {
            var outcome = answer.ShouldBeOutcome(HttpStatusCode.Forbidden, $"the supervisor {action}");
            Assert.Contains("caseworker", Expect.TextOf(outcome), StringComparison.Ordinal);
        }

        var unchanged = (await lagos.GetAsync($"Task/{referral.TaskId}")).ShouldBe(HttpStatusCode.OK, "ngo-ng-lagos reading its referral").As<FhirTask>();
        Assert.NotEqual(FhirTask.TaskStatus.Cancelled, unchanged.Status);
        Assert.Equal("1", (await lagos.GetAsync($"Consent/{referral.ConsentId}")).As<FhirConsent>().Meta?.VersionId);
    }

    [Fact]
    public async Task A_supervisor_withdraws_a_consent_because_withdrawal_needs_no_more_than_reading_the_survivors_record()
    {
        var referral = await LagosReferralAsync();
        var supervisor = await hub.PersonClientAsync(Supervisor);

        var current = await supervisor.GetAsync($"Consent/{referral.ConsentId}");
        var consent = current.ShouldBe(HttpStatusCode.OK, "the supervisor reading the consent").As<FhirConsent>();
        consent.Status = FhirConsent.ConsentState.Inactive;
        var withdrawn = await supervisor.PutAsync($"Consent/{referral.ConsentId}", consent, current.ETag);

        Assert.Equal(FhirConsent.ConsentState.Inactive, withdrawn.ShouldBe(HttpStatusCode.OK, "the supervisor withdrawing the consent").As<FhirConsent>().Status);
    }

    /// <summary>A referral ngo-ng-lagos made (through its API client) to gov-ng-agency, delivered.</summary>
    private async Task<SubmittedReferral> LagosReferralAsync()
    {
        var referral = await LifecycleSteps.SubmitAsync(lagos, new ReferralBuilder
        {
            Custodian = NgoLagos,
            Performer = GovAgency,
            ConsentRecipient = GovAgency,
            ServiceCode = "legal-administrative",
        });
        await LifecycleSteps.DeliveredAsync(hub.ClientFor(GovAgency), referral.TaskId);
        return referral;
    }

    private static async Task<IReadOnlyList<string>> TaskIdsAsync(HubClient client, string query)
    {
        var answer = (await client.GetAsync(query)).ShouldBe(HttpStatusCode.OK, $"{client.Caller} searching {query}").As<Bundle>();
        return [.. answer.Entry.Select(entry => entry.Resource).OfType<FhirTask>().Select(task => task.Id!)];
    }
}
