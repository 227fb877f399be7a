using System.Net;
using System.Text.RegularExpressions;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.ConsentLifecycle;

/// <summary>The ids the hub gave a submitted referral, in the shelter's view.</summary>
public sealed record SubmittedReferral(string PatientId, string ConsentId, string EducationId, string HealthId, string ServiceRequestId, string TaskId);

/// <summary>Steps the consent-lifecycle tests share, each through the public API only.</summary>
public static partial class LifecycleSteps
{
    public static async Task<SubmittedReferral> SubmitAsync(HubClient shelter, ReferralBuilder referral)
    {
        var response = await shelter.PostAsync(string.Empty, referral.Build());
        Expect.That(response.Status == HttpStatusCode.OK, "the shelter's referral transaction answers 200", response.Describe());
        var ids = response.As<Bundle>().Entry.Select(e => LocationId().Match(e.Response?.Location ?? string.Empty).Groups["id"].Value).ToList();
        var serviceRequestId = ids[ReferralBuilder.ServiceRequestEntry];
        var task = await Eventually.UntilAsync(
            $"the shelter finds the Task of ServiceRequest/{serviceRequestId}",
            () => shelter.GetAsync($"Task?focus=ServiceRequest/{serviceRequestId}"),
            found => found.Status == HttpStatusCode.OK && found.As<Bundle>().Entry.Count == 1,
            found => found.Describe());
        return new SubmittedReferral(
            ids[ReferralBuilder.PatientEntry],
            ids[ReferralBuilder.ConsentEntry],
            ids[ReferralBuilder.EducationEntry],
            ids[ReferralBuilder.HealthEntry],
            serviceRequestId,
            FirstId(task));
    }

    /// <summary>A second referral of the same survivor, under the consent already recorded; returns its Task id.</summary>
    public static async Task<string> ReferAgainAsync(HubClient shelter, SubmittedReferral first, string recipient, string service)
    {
        var request = new ServiceRequest
        {
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Category = [new CodeableConcept(Vocabulary.Service, service)],
            Subject = new ResourceReference($"Patient/{first.PatientId}"),
            Requester = new ResourceReference($"Organization/{HubServerFixture.Shelter}"),
            Performer = [new ResourceReference($"Organization/{recipient}")],
        };
        var created = await shelter.PostAsync("ServiceRequest", request);
        Expect.That(created.Status == HttpStatusCode.Created, "the second referral is accepted", created.Describe());
        var id = created.As<ServiceRequest>().Id;
        var task = await Eventually.UntilAsync(
            "the shelter finds the second referral's Task",
            () => shelter.GetAsync($"Task?focus=ServiceRequest/{id}"),
            found => found.Status == HttpStatusCode.OK && found.As<Bundle>().Entry.Count == 1,
            found => found.Describe());
        return FirstId(task);
    }

    /// <summary>Waits until the recipient can read the referral's Task; returns it in the recipient's view.</summary>
    public static async Task<FhirTask> DeliveredAsync(HubClient recipient, string taskId) =>
        (await Eventually.UntilAsync(
            $"{recipient.Caller} can read Task/{taskId}",
            () => recipient.GetAsync($"Task/{taskId}"),
            found => found.Status == HttpStatusCode.OK,
            found => found.Describe())).As<FhirTask>();

    /// <summary>The shelter changes its consent: reads it, lets <paramref name="change"/> edit it, PUTs it with If-Match.</summary>
    public static async Task ReviseConsentAsync(HubClient shelter, string consentId, Action<FhirConsent> change)
    {
        var current = await shelter.GetAsync($"Consent/{consentId}");
        var consent = current.As<FhirConsent>();
        change(consent);
        var updated = await shelter.PutAsync($"Consent/{consentId}", consent, current.ETag);
        Expect.That(updated.Status == HttpStatusCode.OK, "the shelter's PUT of its Consent answers 200", updated.Describe());
    }

    /// <summary>The data classes the consent's permits name become <paramref name="classes"/>.</summary>
    public static void PermitClasses(FhirConsent consent, IEnumerable<string> classes)
    {
        var codings = classes.Select(code => new Coding(Vocabulary.DataClass, code)).ToList();
        foreach (var permit in consent.Provision!.Provision)
        {
            permit.Class = [.. codings.Select(c => (Coding)c.DeepCopy())];
        }
    }

    /// <summary>The recipient's message Bundles (its mailbox on the polling channel).</summary>
    public static async Task<IReadOnlyList<Bundle>> MessagesAsync(HubClient recipient)
    {
        var search = await recipient.GetAsync("Bundle?_count=100");
        Expect.That(search.Status == HttpStatusCode.OK, $"{recipient.Caller} searches its message Bundles", search.Describe());
        return search.As<Bundle>().Entry.Select(e => e.Resource).OfType<Bundle>().ToList();
    }

    /// <summary>The recall (consent-withdrawn message) whose focus names the Task.</summary>
    public static Bundle? RecallFor(IEnumerable<Bundle> messages, string taskId) =>
        messages.FirstOrDefault(m => m.Entry.FirstOrDefault()?.Resource is MessageHeader header
            && (header.Event as Coding)?.Code == "consent-withdrawn"
            && header.Focus.Any(f => f.Reference == $"Task/{taskId}"));

    /// <summary>The recipient answers a message of the hub with <c>MessageHeader.response</c> ok.</summary>
    public static Task<HubResponse> AcknowledgeAsync(HubClient recipient, Bundle message)
    {
        var header = (MessageHeader)message.Entry[0].Resource!;
        return recipient.PostAsync("$process-message", AgencyMessages.Acknowledgement(header.Event, header.Id, $"urn:example:{recipient.Caller}"));
    }

    /// <summary>The shelter's disclosure log of the survivor.</summary>
    public static async Task<IReadOnlyList<AuditEvent>> DisclosureLogAsync(HubClient shelter, string patientId)
    {
        var search = await shelter.GetAsync($"AuditEvent?patient=Patient/{patientId}&_count=100");
        Expect.That(search.Status == HttpStatusCode.OK, "the shelter searches the disclosure log", search.Describe());
        return search.As<Bundle>().Entry.Select(e => e.Resource).OfType<AuditEvent>().ToList();
    }

    private static string FirstId(HubResponse search) =>
        Expect.NotNull(search.As<Bundle>().Entry[0].Resource?.Id, "the search's first match has an id");

    [GeneratedRegex("^(?:.*/)?(?<type>[A-Za-z]+)/(?<id>[^/]+)/_history/")]
    private static partial Regex LocationId();
}
