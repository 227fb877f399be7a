using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests;

/// <summary>
/// Issue 2, "Must show", bad input: each is answered with an OperationOutcome and the right status, and nothing of it
/// is stored or sent (DESIGN §2 invariant 6, §5 errors).
/// </summary>
public sealed class BadInputTests(HubServerFixture hub) : IClassFixture<HubServerFixture>
{
    private static readonly string[] SearchedTypes = ["Patient", "Observation", "ServiceRequest", "Consent"];

    [Fact]
    public async Task Malformed_JSON_is_refused_with_400_and_nothing_is_stored()
    {
        var canary = BadBodies.NewCanary("MALFORMED");

        var response = await PostPatientAsync(hub.ClientFor(Shelter), BadBodies.Malformed(canary), FhirJson.MediaType);

        response.ShouldBeOutcome(HttpStatusCode.BadRequest, "POST /fhir/Patient with malformed JSON");
        await AssertNothingStoredAsync(canary);
    }

    [Fact]
    public async Task A_text_plain_body_is_refused_with_415_and_nothing_is_stored()
    {
        var canary = BadBodies.NewCanary("PLAIN");

        var response = await PostPatientAsync(hub.ClientFor(Shelter), BadBodies.Patient(canary), "text/plain");

        response.ShouldBeOutcome(HttpStatusCode.UnsupportedMediaType, "POST /fhir/Patient with a text/plain body");
        await AssertNothingStoredAsync(canary);
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401_and_a_Bearer_challenge()
    {
        var canary = BadBodies.NewCanary("NOTOKEN");

        var response = await PostPatientAsync(hub.AnonymousClient(), BadBodies.Patient(canary), FhirJson.MediaType);

        response.ShouldBeOutcome(HttpStatusCode.Unauthorized, "POST /fhir/Patient without a token");
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase));
        await AssertNothingStoredAsync(canary);
    }

    [Fact]
    public async Task A_request_with_an_invalid_token_is_refused_with_401_and_a_Bearer_challenge()
    {
        var canary = BadBodies.NewCanary("BADTOKEN");

        var response = await hub.AnonymousClient().SendAsync(HttpMethod.Post, "Patient", FhirContent(BadBodies.Patient(canary)),
            request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJzaGVsdGVyLWl0LXJvbWEifQ."));

        response.ShouldBeOutcome(HttpStatusCode.Unauthorized, "POST /fhir/Patient with an unsigned, made-up token");
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase));
        await AssertNothingStoredAsync(canary);
    }

    [Fact]
    public async Task A_20_MB_body_is_refused_with_413_and_nothing_is_stored()
    {
        var canary = BadBodies.NewCanary("HUGE");
        var content = new ByteArrayContent(BadBodies.Huge(canary, 20 * 1024 * 1024));
        content.Headers.ContentType = new MediaTypeHeaderValue(FhirJson.MediaType);

        var response = await hub.ClientFor(Shelter).SendAsync(HttpMethod.Post, "Patient", content);

        response.ShouldBeOutcome(HttpStatusCode.RequestEntityTooLarge, "POST /fhir/Patient with a 20 MB body");
        await AssertNothingStoredAsync(canary);
    }

    [Fact]
    public async Task JSON_nested_5000_deep_is_refused_with_400_and_the_hub_keeps_serving()
    {
        var canary = BadBodies.NewCanary("NESTED");

        var response = await PostPatientAsync(hub.ClientFor(Shelter), BadBodies.Nested(canary, 5000), FhirJson.MediaType);

        Assert.True((int)response.Status < 500, $"nested JSON must never cause a server error: {response.Describe()}");
        response.ShouldBeOutcome(HttpStatusCode.BadRequest, "POST /fhir/Patient with JSON nested 5,000 deep");
        (await hub.AnonymousClient().GetAsync("metadata")).ShouldBe(HttpStatusCode.OK, "the hub still answers after the nested JSON");
        await AssertNothingStoredAsync(canary);
    }

    [Fact]
    public async Task A_referral_to_an_organisation_the_consent_does_not_name_is_refused_with_422_and_nothing_of_it_is_kept_or_sent()
    {
        var shelter = hub.ClientFor(Shelter);
        var lagos = hub.ClientFor(NgoLagos);

        // The ServiceRequest names ngo-ng-lagos (which offers education-reinsertion); the consent permits only ngo-ng-edo.
        var refused = new ReferralBuilder { Performer = NgoLagos, ConsentRecipient = NgoEdo, ServiceCode = "education-reinsertion" };
        var response = await shelter.SendAsync(HttpMethod.Post, shelter.FhirBase.ToString().TrimEnd('/'), FhirJson.Content(refused.Build()));

        response.ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a referral whose performer the consent does not name");
        await AssertNothingStoredAsync([.. refused.Canaries.Unique, refused.ReferralIdentifier]);

        // Nothing was sent: a later, valid referral to ngo-ng-lagos arrives, and it is the only thing ngo-ng-lagos ever gets.
        var control = new ReferralBuilder { Performer = NgoLagos, ConsentRecipient = NgoLagos, ServiceCode = "education-reinsertion" };
        var accepted = await shelter.Fhir.TransactionAsync(control.Build());
        Assert.Equal(Bundle.BundleType.TransactionResponse, accepted?.Type);
        var worklist = await Eventually.UntilAsync(
            "ngo-ng-lagos receives the valid control referral",
            () => lagos.Fhir.SearchAsync("Task", [$"owner=Organization/{NgoLagos}"], ["Task:focus"]),
            bundle => bundle?.Entry.Any(entry => entry.Resource is ServiceRequest request && HasIdentifier(request, control.ReferralIdentifier)) == true,
            bundle => bundle is null ? "null" : FhirJson.Serialize(bundle));

        Assert.Single(worklist!.Entry, entry => entry.Resource is FhirTask);
        Assert.DoesNotContain(worklist.Entry, entry => entry.Resource is ServiceRequest request && HasIdentifier(request, refused.ReferralIdentifier));
        foreach (var exchange in hub.Responses.ReceivedBy(NgoLagos))
        {
            Expect.NoneIn(exchange.Body, [.. refused.Canaries.Unique, refused.ReferralIdentifier], $"nothing of the refused referral reaches ngo-ng-lagos; {exchange}");
        }
    }

    [Fact]
    public async Task A_Task_change_by_the_wrong_side_is_refused_with_422_and_changes_nothing()
    {
        var shelter = hub.ClientFor(Shelter);
        var edo = hub.ClientFor(NgoEdo);
        var referral = new ReferralBuilder();
        var submitted = await shelter.Fhir.TransactionAsync(referral.Build());
        var serviceRequest = Refs.Of(submitted!.Entry[ReferralBuilder.ServiceRequestEntry].Response?.Location)!;
        var tasks = await Eventually.UntilAsync(
            $"the shelter's Task?focus={serviceRequest} finds the Task",
            () => shelter.Fhir.SearchAsync("Task", [$"focus={serviceRequest}"]),
            bundle => bundle?.Entry.Any(entry => entry.Resource is FhirTask) == true);
        var taskId = tasks!.Entry.Select(entry => entry.Resource).OfType<FhirTask>().Single().Id;
        await Eventually.UntilAsync(
            "ngo-ng-edo has received the Task (so delivery no longer changes it)",
            () => edo.Fhir.SearchAsync("Task", [$"owner=Organization/{NgoEdo}", "status=requested"]),
            bundle => bundle?.Entry.Any(entry => entry.Resource is FhirTask task && task.Id == taskId) == true);

        // The referring side may not accept (only the owner may).
        var before = await shelter.GetAsync($"Task/{taskId}");
        before.ShouldBe(HttpStatusCode.OK, "the shelter reading its Task");
        var byShelter = before.As<FhirTask>();
        byShelter.Status = FhirTask.TaskStatus.Accepted;
        (await shelter.PutAsync($"Task/{taskId}", byShelter, before.ETag))
            .ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "the shelter setting the Task to accepted");

        // The receiving side may not mark it entered-in-error (only the referring side may).
        var edoBefore = await edo.GetAsync($"Task/{taskId}");
        edoBefore.ShouldBe(HttpStatusCode.OK, "ngo-ng-edo reading its Task");
        var byRecipient = edoBefore.As<FhirTask>();
        byRecipient.Status = FhirTask.TaskStatus.EnteredInError;
        (await edo.PutAsync($"Task/{taskId}", byRecipient, edoBefore.ETag))
            .ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "ngo-ng-edo setting the Task to entered-in-error");

        var after = await shelter.GetAsync($"Task/{taskId}");
        after.ShouldBe(HttpStatusCode.OK, "the shelter re-reading its Task");
        Assert.Equal(FhirTask.TaskStatus.Requested, after.As<FhirTask>().Status);
        Assert.Equal(before.ETag, after.ETag);
    }

    private static StringContent FhirContent(string json) => new(json, Encoding.UTF8, FhirJson.MediaType);

    private static Task<HubResponse> PostPatientAsync(HubClient client, string body, string mediaType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return client.SendAsync(HttpMethod.Post, "Patient", content);
    }

    private static bool HasIdentifier(ServiceRequest request, string value) => request.Identifier.Any(identifier => identifier.Value == value);

    /// <summary>The shelter's searches over every type it can submit show none of the values.</summary>
    private async Task AssertNothingStoredAsync(params string[] values)
    {
        var shelter = hub.ClientFor(Shelter);
        foreach (var type in SearchedTypes)
        {
            foreach (var page in await shelter.SearchAllPagesAsync($"{type}?_count=100"))
            {
                page.ShouldBe(HttpStatusCode.OK, $"the shelter searching {type}");
                Expect.NoneIn(page.Body, values, $"nothing of the refused input was stored ({type} search)");
            }
        }
    }
}
