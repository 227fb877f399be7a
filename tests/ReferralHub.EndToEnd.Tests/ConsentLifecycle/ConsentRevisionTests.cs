using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.ConsentLifecycle;

/// <summary>Issue 4: a revised consent changes what the recipient holds — narrowing re-redacts, widening discloses and is audited.</summary>
public abstract class ConsentRevisionTests(IRunningHub hub)
{
    private readonly HubClient shelter = hub.ClientFor(HubServerFixture.Shelter);
    private readonly HubClient edo = hub.ClientFor(HubServerFixture.NgoEdo);

    [Fact]
    public async Task Narrowing_a_consent_removes_the_class_from_the_recipients_next_read()
    {
        var builder = new ReferralBuilder();
        var referral = await SubmitAsync(shelter, builder);
        var task = await DeliveredAsync(edo, referral.TaskId);
        var patientPath = Refs.Of(task.For)!;
        var before = (await edo.GetAsync(patientPath)).As<Patient>();
        Expect.That(before.Name.Any(n => n.Family == builder.Canaries.Family), "before narrowing, ngo-ng-edo reads the survivor's name", FhirJson.Serialize(before));
        var request = (await edo.GetAsync(Refs.Of(task.Focus)!)).As<ServiceRequest>();
        var education = request.SupportingInfo.Select(r => Refs.Of(r)).OfType<string>().ToList();
        Expect.That(education.Count == 1, "before narrowing, ngo-ng-edo holds the education Observation (and not the health one)", string.Join(", ", education));

        await ReviseConsentAsync(shelter, referral.ConsentId, consent => PermitClasses(consent, ["referral", "birth-year", "language"]));

        var after = await Eventually.UntilAsync(
            "ngo-ng-edo's next read of the Patient no longer has the name",
            () => edo.GetAsync(patientPath),
            read => read.Status == HttpStatusCode.OK && read.As<Patient>().Name.Count == 0,
            read => read.Describe());
        Expect.NoneIn(after.Body, [builder.Canaries.Family, builder.Canaries.Given], "the narrowed Patient carries no name");
        Expect.That(after.As<Patient>().Meta?.Security.Any(s => s.Code == "REDACTED") == true, "the narrowed Patient is labelled REDACTED");
        Expect.That(after.As<Patient>().BirthDate == builder.Canaries.BirthYear, "the narrowed Patient still has the birth year", after.Body);
        var observation = await edo.GetAsync(education[0]);
        Expect.That(observation.Status == HttpStatusCode.NotFound, "the education Observation is no longer disclosed (404)", observation.Describe());
        var edoTask = await edo.GetAsync($"Task/{referral.TaskId}");
        Expect.That(edoTask.As<FhirTask>().Status == FhirTask.TaskStatus.Requested, "the referral itself stays open", edoTask.Describe());
    }

    [Fact]
    public async Task Widening_a_consent_adds_the_class_to_the_recipients_next_read_and_writes_an_AuditEvent()
    {
        var builder = new ReferralBuilder();
        var referral = await SubmitAsync(shelter, builder);
        var task = await DeliveredAsync(edo, referral.TaskId);
        var patientPath = Refs.Of(task.For)!;
        var before = await edo.GetAsync(patientPath);
        Expect.NoneIn(before.Body, [builder.Canaries.Phone, builder.Canaries.City], "before widening, ngo-ng-edo has no contact details");
        var auditBefore = await Eventually.UntilAsync(
            "the first disclosure is in the shelter's log",
            () => DisclosureLogAsync(shelter, referral.PatientId),
            log => log.Count >= 1,
            log => $"{log.Count} events");

        await ReviseConsentAsync(shelter, referral.ConsentId, consent => PermitClasses(consent, [.. Vocabulary.ConsentedClasses, "contact"]));

        var after = await Eventually.UntilAsync(
            "ngo-ng-edo's next read of the Patient has the contact details",
            () => edo.GetAsync(patientPath),
            read => read.Status == HttpStatusCode.OK && read.As<Patient>().Telecom.Any(t => t.Value == builder.Canaries.Phone),
            read => read.Describe());
        Expect.That(after.As<Patient>().Address.Any(a => a.City == builder.Canaries.City), "the widened Patient has the address", after.Body);
        Expect.That(after.As<Patient>().Id == before.As<Patient>().Id, "the Patient keeps the recipient's id", after.As<Patient>().Id);
        Expect.NoneIn(after.Body, [builder.Canaries.BirthDate], "the full birth date stays withheld");

        var log = await Eventually.UntilAsync(
            "a new disclosure AuditEvent names the contact class",
            () => DisclosureLogAsync(shelter, referral.PatientId),
            events => events.Count > auditBefore.Count && events.Any(HasContactClass),
            events => $"{events.Count} events");
        var widened = log.Single(HasContactClass);
        Expect.That(widened.Agent.Any(a => a.Who?.Reference == $"Organization/{HubServerFixture.NgoEdo}"), "the AuditEvent names ngo-ng-edo as the recipient");
        Expect.That(widened.Entity.Any(e => e.What?.Reference == $"Consent/{referral.ConsentId}"), "the AuditEvent names the consent");
    }

    [Fact]
    public async Task A_revision_that_no_longer_names_the_recipient_stops_its_reads_cancels_the_referral_and_recalls_it()
    {
        var builder = new ReferralBuilder();
        var referral = await SubmitAsync(shelter, builder);
        var task = await DeliveredAsync(edo, referral.TaskId);
        var patientPath = Refs.Of(task.For)!;

        await ReviseConsentAsync(shelter, referral.ConsentId, consent =>
            consent.Provision!.Provision[0].Actor[0].Reference = new ResourceReference($"Organization/{HubServerFixture.NgoLagos}"));

        await Eventually.UntilAsync(
            "ngo-ng-edo's reads of the Patient answer 403",
            () => edo.GetAsync(patientPath),
            read => read.Status == HttpStatusCode.Forbidden,
            read => read.Describe());
        await Eventually.UntilAsync(
            "the referral's Task is cancelled",
            () => edo.GetAsync($"Task/{referral.TaskId}"),
            read => read.Status == HttpStatusCode.OK && read.As<FhirTask>().Status == FhirTask.TaskStatus.Cancelled,
            read => read.Describe());
        var recall = await Eventually.UntilAsync(
            "ngo-ng-edo has a consent-withdrawn message for the referral",
            () => MessagesAsync(edo),
            messages => RecallFor(messages, referral.TaskId) is not null,
            messages => $"{messages.Count} messages");
        Expect.That(RecallFor(recall, referral.TaskId)!.Entry[0].Resource is MessageHeader { Focus: var focus } && focus.Any(f => f.Reference == patientPath),
            "the recall names the survivor by ngo-ng-edo's own Patient id");
    }

    private static bool HasContactClass(AuditEvent audit) =>
        audit.Entity.Any(e => e.Detail.Any(d => d.Type == "data-class" && (d.Value as FhirString)?.Value == "contact"));
}
