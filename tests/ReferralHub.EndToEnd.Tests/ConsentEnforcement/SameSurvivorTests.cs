using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.ConsentEnforcement;

/// <summary>
/// Issue 12, reproduction 1: a referral for one survivor must never carry another survivor's data under the first one's
/// consent. Every resource a referral carries or references is about the referred survivor, on creation and on update.
/// </summary>
public abstract class SameSurvivorTests(IRunningHub hub)
{
    private readonly HubClient shelter = hub.ClientFor(HubServerFixture.Shelter);
    private readonly HubClient edo = hub.ClientFor(HubServerFixture.NgoEdo);

    [Fact]
    public async Task A_referral_naming_another_survivors_Observation_is_refused_with_the_path_and_keeps_nothing()
    {
        var other = await AnotherSurvivorAsync();
        var builder = new ReferralBuilder();
        var bundle = builder.Build();
        ((ServiceRequest)bundle.Entry[ReferralBuilder.ServiceRequestEntry].Resource!).SupportingInfo.Add(new ResourceReference($"Observation/{other.ObservationId}"));

        var refused = await shelter.PostAsync(string.Empty, bundle);

        Expect.That(refused.Status == HttpStatusCode.UnprocessableEntity, "the referral is refused with 422", refused.Describe());
        var outcome = refused.As<OperationOutcome>();
        Expect.That(outcome.Issue.Any(i => i.Expression.Contains("Bundle.entry[4].resource.supportingInfo[2]")),
            "the OperationOutcome names the path of the reference to the other survivor's Observation", refused.Body);
        var kept = await shelter.GetAsync("Patient?_count=200");
        Expect.NoneIn(kept.Body, [builder.Canaries.Family], "nothing of the refused referral was kept");

        var delivered = await SubmitAsync(shelter, builder);
        await DeliveredAsync(edo, delivered.TaskId);
        await ReadTimeConsentTests.ReadableWithNameAsync(edo, builder, delivered.TaskId);
        var views = await RecipientView.ReadAllAsync(edo, delivered.TaskId, Refs.Of((await DeliveredAsync(edo, delivered.TaskId)).For)!);
        RecipientView.ShowsNoneOf(views, [other.Canary], "the other survivor's Observation never reaches ngo-ng-edo");
    }

    [Fact]
    public async Task An_update_pointing_a_referral_at_another_survivors_Observation_is_refused_and_changes_nothing()
    {
        var other = await AnotherSurvivorAsync();
        var builder = new ReferralBuilder();
        var referral = await SubmitAsync(shelter, builder);
        var patientPath = await ReadTimeConsentTests.ReadableWithNameAsync(edo, builder, referral.TaskId);
        var current = await shelter.GetAsync($"ServiceRequest/{referral.ServiceRequestId}");
        var request = current.As<ServiceRequest>();
        request.SupportingInfo.Add(new ResourceReference($"Observation/{other.ObservationId}"));

        var refused = await shelter.PutAsync($"ServiceRequest/{referral.ServiceRequestId}", request, current.ETag);

        Expect.That(refused.Status == HttpStatusCode.UnprocessableEntity, "the update is refused with 422", refused.Describe());
        Expect.That(refused.As<OperationOutcome>().Issue.Any(i => i.Expression.Contains("ServiceRequest.supportingInfo[2]")),
            "the OperationOutcome names the path of the reference", refused.Body);
        var after = await shelter.GetAsync($"ServiceRequest/{referral.ServiceRequestId}");
        Expect.That(after.ETag == current.ETag, "the ServiceRequest is unchanged", after.Describe());

        // A review decides the referral again from the stored ServiceRequest: it still carries only this survivor's data.
        await ReviseConsentAsync(shelter, referral.ConsentId, consent => PermitClasses(consent, [.. Vocabulary.ConsentedClasses, "contact"]));
        await Eventually.UntilAsync(
            "the review discloses the newly permitted contact details",
            () => edo.GetAsync(patientPath),
            read => read.Status == HttpStatusCode.OK && read.Body.Contains(builder.Canaries.Phone, StringComparison.Ordinal),
            read => read.Describe());
        RecipientView.ShowsNoneOf(await RecipientView.ReadAllAsync(edo, referral.TaskId, patientPath), [other.Canary], "the other survivor's Observation never reaches ngo-ng-edo");
    }

    /// <summary>Survivor X of the issue: the same custodian's Patient with an education Observation carrying a canary.</summary>
    private async Task<(string ObservationId, string Canary)> AnotherSurvivorAsync()
    {
        var canary = $"CANARY-OTHER-SURVIVOR-{Guid.NewGuid():N}";
        var patientUrn = $"urn:uuid:{Guid.NewGuid()}";
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Transaction,
            Entry =
            [
                new Bundle.EntryComponent
                {
                    FullUrl = patientUrn,
                    Resource = new Patient { Name = [new HumanName { Family = canary }] },
                    Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Patient" },
                },
                new Bundle.EntryComponent
                {
                    FullUrl = $"urn:uuid:{Guid.NewGuid()}",
                    Resource = new Observation
                    {
                        Status = ObservationStatus.Final,
                        Category = [new CodeableConcept(Vocabulary.DataClass, "education")],
                        Code = new CodeableConcept { Text = "Education history" },
                        Subject = new ResourceReference(patientUrn),
                        Value = new FhirString(canary),
                    },
                    Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Observation" },
                },
            ],
        };
        var created = await shelter.PostAsync(string.Empty, bundle);
        Expect.That(created.Status == HttpStatusCode.OK, "the shelter records another survivor with an Observation", created.Describe());
        var location = created.As<Bundle>().Entry[1].Response!.Location!;
        return (location.Split('/')[1], canary);
    }
}
