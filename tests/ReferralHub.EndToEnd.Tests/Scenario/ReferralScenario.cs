using System.Net;
using System.Text.RegularExpressions;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Scenario;

/// <summary>
/// The referral journey of issue 2 ("Must show"), steps 1–6, against one running hub. Steps run in order and keep
/// the ids they learn; each failure names its step. Used by the scenario test and, for the responses and logs it
/// produces, by the validation and log-privacy tests.
/// </summary>
public sealed partial class ReferralScenario(IRunningHub hub)
{
    private readonly HubClient shelter = hub.ClientFor(Shelter);
    private readonly HubClient edo = hub.ClientFor(NgoEdo);
    private readonly HubClient lagos = hub.ClientFor(NgoLagos);

    public ReferralBuilder Referral { get; } = new();

    public Canaries Canaries => Referral.Canaries;

    // Ids in the shelter's view (what it submitted).
    public string PatientId { get; private set; } = "";

    public string ConsentId { get; private set; } = "";

    public string EducationId { get; private set; } = "";

    public string HealthId { get; private set; } = "";

    public string ServiceRequestId { get; private set; } = "";

    public string TaskId { get; private set; } = "";

    // Ids in ngo-ng-edo's view (its own: the Patient is a pseudonym).
    public string EdoPatientId { get; private set; } = "";

    public string EdoServiceRequestId { get; private set; } = "";

    public string EdoEducationId { get; private set; } = "";

    public string AuditEventId { get; private set; } = "";

    public List<string> CompletedSteps { get; } = [];

    public async Task RunAsync()
    {
        await RunStepAsync("1. shelter-it-roma submits the referral transaction", SubmitAsync);
        await RunStepAsync("2. ngo-ng-edo finds the Task and reads only the consented data", RecipientReadsAsync);
        await RunStepAsync("3. ngo-ng-lagos gets 404 on everything of the referral", OutsiderSeesNothingAsync);
        await RunStepAsync("4. ngo-ng-edo accepts the Task with If-Match", AcceptAsync);
        await RunStepAsync("5. the shelter reads the disclosure log, which cannot be deleted", DisclosureLogAsync);
        await RunStepAsync("6. the shelter withdraws the consent", WithdrawAsync);
    }

    private async Task RunStepAsync(string name, Func<Task> step)
    {
        await Expect.StepAsync(name, step);
        CompletedSteps.Add(name);
    }

    // ---------------------------------------------------------------- step 1

    public async Task SubmitAsync()
    {
        var response = await shelter.Fhir.TransactionAsync(Referral.Build());
        Expect.That(shelter.Fhir.LastResult?.Status?.StartsWith("200", StringComparison.Ordinal) == true,
            "POST /fhir with the transaction answers 200", shelter.Fhir.LastResult?.Status);
        Expect.That(response?.Type == Bundle.BundleType.TransactionResponse, "the answer is a transaction-response Bundle", response?.Type?.ToString());
        Expect.That(response!.Entry.Count == ReferralBuilder.EntryTypes.Length,
            $"the transaction-response has one entry per request entry ({ReferralBuilder.EntryTypes.Length})", response.Entry.Count.ToString());

        var ids = new string[ReferralBuilder.EntryTypes.Length];
        for (var index = 0; index < ids.Length; index++)
        {
            var type = ReferralBuilder.EntryTypes[index];
            var entry = response.Entry[index].Response;
            Expect.That(entry?.Status?.StartsWith("201", StringComparison.Ordinal) == true, $"entry {index} ({type}) has response.status 201", entry?.Status);
            var match = LocationPattern().Match(entry!.Location ?? "");
            Expect.That(match.Success && match.Groups["type"].Value == type,
                $"entry {index} has response.location {type}/<id>/_history/1", entry.Location);
            ids[index] = match.Groups["id"].Value;
        }

        PatientId = ids[ReferralBuilder.PatientEntry];
        ConsentId = ids[ReferralBuilder.ConsentEntry];
        EducationId = ids[ReferralBuilder.EducationEntry];
        HealthId = ids[ReferralBuilder.HealthEntry];
        ServiceRequestId = ids[ReferralBuilder.ServiceRequestEntry];

        // The custodian reads back what it submitted, whole.
        var patient = await shelter.Fhir.ReadAsync<Patient>($"Patient/{PatientId}");
        Expect.That(patient?.Telecom.Any(telecom => telecom.Value == Canaries.Phone) == true, "the shelter reads its own Patient with the phone number");
        Expect.That(patient!.BirthDate == Canaries.BirthDate, "the shelter reads its own Patient with the full birth date", patient.BirthDate);

        // The hub created a Task for the ServiceRequest.
        var tasks = await Eventually.UntilAsync(
            $"the shelter's Task?focus=ServiceRequest/{ServiceRequestId} finds the Task",
            () => SearchTasksAsync(shelter, $"focus=ServiceRequest/{ServiceRequestId}"),
            found => found.Count > 0,
            found => $"{found.Count} Tasks");
        Expect.That(tasks.Count == 1, "exactly one Task per ServiceRequest", tasks.Count.ToString());
        var task = tasks[0];
        TaskId = Expect.NotNull(task.Id, "the Task has an id");
        Expect.That(task.Intent == FhirTask.TaskIntent.Order, "Task.intent is order", task.Intent?.ToString());
        Expect.That(task.Status == FhirTask.TaskStatus.Requested, "Task.status is requested", task.Status?.ToString());
        Expect.That(Refs.Of(task.Requester) == $"Organization/{Shelter}", "Task.requester is the shelter", task.Requester?.Reference);
        Expect.That(Refs.Of(task.Owner) == $"Organization/{NgoEdo}", "Task.owner is ngo-ng-edo", task.Owner?.Reference);
        Expect.That(Refs.Of(task.For) == $"Patient/{PatientId}", "in the shelter's view Task.for is its Patient", task.For?.Reference);
        Expect.That(Refs.Of(task.Focus) == $"ServiceRequest/{ServiceRequestId}", "in the shelter's view Task.focus is its ServiceRequest", task.Focus?.Reference);
    }

    // ---------------------------------------------------------------- step 2

    public async Task RecipientReadsAsync()
    {
        const string worklist = $"owner=Organization/{NgoEdo}";
        var delivered = await Eventually.UntilAsync(
            "ngo-ng-edo's Task?owner=Organization/ngo-ng-edo&status=requested returns the Task (delivery is asynchronous)",
            () => SearchTasksAsync(edo, worklist, "status=requested"),
            found => found.Any(task => task.Id == TaskId),
            found => $"Task ids [{string.Join(", ", found.Select(task => task.Id))}], waiting for {TaskId}");
        var task = delivered.Single(found => found.Id == TaskId);

        Expect.That(task.Intent == FhirTask.TaskIntent.Order, "the recipient's Task.intent is order", task.Intent?.ToString());
        Expect.That(task.Status == FhirTask.TaskStatus.Requested, "the recipient's Task.status is requested", task.Status?.ToString());
        Expect.That(Refs.Of(task.Owner) == $"Organization/{NgoEdo}", "the recipient's Task.owner is ngo-ng-edo", task.Owner?.Reference);
        Expect.That(Refs.Of(task.Requester) == $"Organization/{Shelter}", "the recipient's Task.requester is the shelter", task.Requester?.Reference);

        var focus = Expect.NotNull(Refs.Of(task.Focus), "the recipient's Task has a focus");
        var subject = Expect.NotNull(Refs.Of(task.For), "the recipient's Task has a for");
        Expect.That(focus.StartsWith("ServiceRequest/", StringComparison.Ordinal), "Task.focus references a ServiceRequest", focus);
        Expect.That(subject.StartsWith("Patient/", StringComparison.Ordinal), "Task.for references a Patient", subject);
        EdoServiceRequestId = Refs.IdOf(focus);
        EdoPatientId = Refs.IdOf(subject);
        Expect.That(EdoPatientId != PatientId, "the recipient's Patient id is its own pseudonym, not the shelter's Patient id", EdoPatientId);

        // _include=Task:focus and _include=Task:patient add the referenced resources to the searchset.
        var withIncludes = await edo.Fhir.SearchAsync("Task", [worklist, "status=requested"], ["Task:focus", "Task:patient"]);
        Expect.That(withIncludes?.Type == Bundle.BundleType.Searchset, "the search answers a searchset Bundle", withIncludes?.Type?.ToString());
        Expect.That(withIncludes!.Entry.Any(entry => entry.Resource is FhirTask t && t.Id == TaskId && entry.Search?.Mode == Bundle.SearchEntryMode.Match),
            "the searchset has the Task with search.mode match");
        Expect.That(withIncludes.Entry.Any(entry => entry.Resource is ServiceRequest sr && sr.Id == EdoServiceRequestId && entry.Search?.Mode == Bundle.SearchEntryMode.Include),
            "_include=Task:focus adds the recipient's ServiceRequest with search.mode include");
        Expect.That(withIncludes.Entry.Any(entry => entry.Resource is Patient p && p.Id == EdoPatientId && entry.Search?.Mode == Bundle.SearchEntryMode.Include),
            "_include=Task:patient adds the recipient's Patient with search.mode include");

        // The Patient: name and language, the year of birth only, no contact details, no gender; labelled REDACTED.
        var patient = Expect.NotNull(await edo.Fhir.ReadAsync<Patient>($"Patient/{EdoPatientId}"), "ngo-ng-edo reads its Patient");
        Expect.That(patient.Name.Any(name => name.Family == Canaries.Family), "the recipient's Patient has the name (class name)", FhirJson.Serialize(patient));
        Expect.That(patient.Communication.Any(c => c.Language?.Coding.Any(coding => coding.Code == "en") == true),
            "the recipient's Patient has the language (class language)", FhirJson.Serialize(patient));
        Expect.That(patient.BirthDate == Canaries.BirthYear, "the recipient's Patient.birthDate is only the year (class birth-year)", patient.BirthDate);
        Expect.That(patient.Telecom.Count == 0, "the recipient's Patient has no telecom (class contact not consented)", FhirJson.Serialize(patient));
        Expect.That(patient.Address.Count == 0, "the recipient's Patient has no address (class contact not consented)", FhirJson.Serialize(patient));
        Expect.That(patient.Gender is null, "the recipient's Patient has no gender (class gender not consented)", patient.Gender?.ToString());
        Expect.That(patient.Meta?.Security.Any(Vocabulary.IsRedactedLabel) == true, "the recipient's Patient carries meta.security REDACTED");

        // The ServiceRequest: the referral without the case note, one supportingInfo (education); labelled REDACTED.
        var request = Expect.NotNull(await edo.Fhir.ReadAsync<ServiceRequest>($"ServiceRequest/{EdoServiceRequestId}"), "ngo-ng-edo reads its ServiceRequest");
        Expect.That(request.Note.Count == 0, "the recipient's ServiceRequest has no note (class case-notes not consented)", FhirJson.Serialize(request));
        Expect.That(request.Identifier.Any(identifier => identifier.System == Vocabulary.ReferralIdentifierSystem && identifier.Value == Referral.ReferralIdentifier),
            "the recipient's ServiceRequest keeps the referral identifier (class referral)");
        Expect.That(request.Category.Any(category => category.Coding.Any(coding => coding.System == Vocabulary.Service && coding.Code == Referral.ServiceCode)),
            "the recipient's ServiceRequest keeps the service category");
        Expect.That(request.Performer.Any(performer => Refs.Of(performer) == $"Organization/{NgoEdo}"), "the recipient's ServiceRequest names ngo-ng-edo as performer");
        Expect.That(Refs.Of(request.Subject) == $"Patient/{EdoPatientId}", "the recipient's ServiceRequest.subject is the recipient's Patient pseudonym", request.Subject?.Reference);
        Expect.That(request.Meta?.Security.Any(Vocabulary.IsRedactedLabel) == true, "the recipient's ServiceRequest carries meta.security REDACTED");
        Expect.That(request.SupportingInfo.Count == 1, "the recipient's ServiceRequest has exactly one supportingInfo (education; health withheld)",
            string.Join(", ", request.SupportingInfo.Select(info => info.Reference)));
        var supporting = Expect.NotNull(Refs.Of(request.SupportingInfo[0]), "the supportingInfo has a reference");
        Expect.That(supporting.StartsWith("Observation/", StringComparison.Ordinal), "the supportingInfo references an Observation", supporting);
        EdoEducationId = Refs.IdOf(supporting);
        Expect.That(EdoEducationId != HealthId, "the supportingInfo is not the health Observation", supporting);

        var education = Expect.NotNull(await edo.Fhir.ReadAsync<Observation>($"Observation/{EdoEducationId}"), "ngo-ng-edo reads the education Observation");
        Expect.That(education.Category.Any(category => category.Coding.Any(coding => coding.System == Vocabulary.DataClass && coding.Code == "education")),
            "the readable Observation is the education one");
        Expect.That((education.Value as FhirString)?.Value == Canaries.Education, "the education Observation keeps its value", FhirJson.Serialize(education));
        Expect.That(Refs.Of(education.Subject) == $"Patient/{EdoPatientId}", "the education Observation's subject is the recipient's Patient pseudonym", education.Subject?.Reference);

        // Never served: the health Observation; and no id of the shelter's that differs from the recipient's own.
        (await edo.GetAsync($"Observation/{HealthId}")).ShouldBeOutcome(HttpStatusCode.NotFound, "ngo-ng-edo reading the health Observation by the shelter's id");
        (await edo.GetAsync($"Patient/{PatientId}")).ShouldBeOutcome(HttpStatusCode.NotFound, "ngo-ng-edo reading the shelter's Patient id (unredacted original)");
        (await edo.GetAsync($"Consent/{ConsentId}")).ShouldBeOutcome(HttpStatusCode.NotFound, "ngo-ng-edo reading the Consent");
        if (ServiceRequestId != EdoServiceRequestId)
        {
            (await edo.GetAsync($"ServiceRequest/{ServiceRequestId}")).ShouldBeOutcome(HttpStatusCode.NotFound, "ngo-ng-edo reading the shelter's ServiceRequest id");
        }

        if (EducationId != EdoEducationId)
        {
            (await edo.GetAsync($"Observation/{EducationId}")).ShouldBeOutcome(HttpStatusCode.NotFound, "ngo-ng-edo reading the shelter's education Observation id");
        }

        // Nothing withheld reached ngo-ng-edo in any response body so far (including searches and errors).
        foreach (var exchange in hub.Responses.ReceivedBy(NgoEdo))
        {
            Expect.NoneIn(exchange.Body, Canaries.WithheldFromRecipient, $"no withheld value (phone, address, case note, health, full birth date) in any response to ngo-ng-edo; {exchange}");
            // (Except in the answer to the test's own probe that named that id.)
            Expect.That(exchange.Uri.OriginalString.Contains(PatientId, StringComparison.Ordinal) || !exchange.Body.Contains(PatientId, StringComparison.Ordinal),
                $"the shelter's Patient id never appears in a response to ngo-ng-edo; {exchange}");
        }
    }

    // ---------------------------------------------------------------- step 3

    public async Task OutsiderSeesNothingAsync()
    {
        string[] everything =
        [
            $"Patient/{PatientId}", $"Consent/{ConsentId}", $"Observation/{EducationId}", $"Observation/{HealthId}",
            $"ServiceRequest/{ServiceRequestId}", $"Task/{TaskId}",
            $"Patient/{EdoPatientId}", $"ServiceRequest/{EdoServiceRequestId}", $"Observation/{EdoEducationId}",
        ];
        var absent = await lagos.GetAsync($"Patient/does-not-exist-{Referral.Tag}");
        var absentOutcome = absent.ShouldBeOutcome(HttpStatusCode.NotFound, "ngo-ng-lagos reading a Patient that does not exist");
        foreach (var path in everything.Distinct())
        {
            var outcome = (await lagos.GetAsync(path)).ShouldBeOutcome(HttpStatusCode.NotFound, $"ngo-ng-lagos reading {path}");
            Expect.That(outcome.Issue.Select(issue => issue.Code).SequenceEqual(absentOutcome.Issue.Select(issue => issue.Code)),
                $"ngo-ng-lagos's 404 for {path} looks like the 404 for a resource that does not exist (same issue codes)",
                $"{string.Join(",", outcome.Issue.Select(issue => issue.Code))} vs {string.Join(",", absentOutcome.Issue.Select(issue => issue.Code))}");
        }

        // Updating the Task: 404 as well, and nothing changes.
        var current = await edo.GetAsync($"Task/{TaskId}");
        current.ShouldBe(HttpStatusCode.OK, "ngo-ng-edo reading its Task");
        var hijacked = current.As<FhirTask>();
        hijacked.Status = FhirTask.TaskStatus.Accepted;
        (await lagos.PutAsync($"Task/{TaskId}", hijacked, current.ETag)).ShouldBeOutcome(HttpStatusCode.NotFound, "ngo-ng-lagos updating the Task");
        var after = await edo.GetAsync($"Task/{TaskId}");
        Expect.That(after.As<FhirTask>().Status == FhirTask.TaskStatus.Requested && after.ETag == current.ETag,
            "ngo-ng-lagos's refused update changed nothing (status requested, same ETag)", after.Describe());

        // Its searches never include anything of the referral.
        string[] searches =
        [
            $"Task?owner=Organization/{NgoEdo}",
            "Task?status=requested",
            "Task",
            $"Task?owner=Organization/{NgoEdo}&status=requested&_include=Task:focus&_include=Task:patient",
            $"Task?focus=ServiceRequest/{ServiceRequestId}",
            $"Task?focus=ServiceRequest/{EdoServiceRequestId}",
            "Patient?_count=100",
            "ServiceRequest?_count=100",
            "Observation?_count=100",
        ];
        var ids = everything.Select(Refs.IdOf).ToHashSet();
        foreach (var search in searches)
        {
            var page = await lagos.GetAsync(search);
            page.ShouldBe(HttpStatusCode.OK, $"ngo-ng-lagos searching {search}");
            var bundle = page.As<Bundle>();
            var leaked = bundle.Entry.Where(entry => entry.Resource?.Id is { } id && ids.Contains(id)).Select(entry => $"{entry.Resource!.TypeName}/{entry.Resource.Id}").ToArray();
            Expect.That(leaked.Length == 0, $"ngo-ng-lagos's search {search} includes nothing of the referral", string.Join(", ", leaked));
        }

        foreach (var exchange in hub.Responses.ReceivedBy(NgoLagos))
        {
            Expect.NoneIn(exchange.Body, Canaries.Unique, $"no value of the referral in any response to ngo-ng-lagos; {exchange}");
        }
    }

    // ---------------------------------------------------------------- step 4

    public async Task AcceptAsync()
    {
        var read = await edo.GetAsync($"Task/{TaskId}");
        read.ShouldBe(HttpStatusCode.OK, "ngo-ng-edo reading its Task");
        var etag = Expect.NotNull(read.ETag, "the Task read carries an ETag");
        Expect.That(WeakETagPattern().IsMatch(etag), "the ETag is W/\"<version>\"", etag);

        // The owner accepts with If-Match.
        var task = read.As<FhirTask>();
        task.Status = FhirTask.TaskStatus.Accepted;
        var accepted = await edo.PutAsync($"Task/{TaskId}", task, etag);
        accepted.ShouldBe(HttpStatusCode.OK, "ngo-ng-edo accepting with PUT Task and If-Match");
        Expect.That(accepted.As<FhirTask>().Status == FhirTask.TaskStatus.Accepted, "the PUT answers the accepted Task", accepted.Describe());
        var newETag = Expect.NotNull(accepted.ETag, "the PUT answer carries the new ETag");
        Expect.That(newETag != etag && WeakETagPattern().IsMatch(newETag), "the accepted Task has a new W/\"<version>\" ETag", $"{etag} -> {newETag}");

        // A stale If-Match: 412.
        (await edo.PutAsync($"Task/{TaskId}", task, etag)).ShouldBeOutcome(HttpStatusCode.PreconditionFailed, "a PUT with the stale If-Match");

        // Going back to requested: 422.
        var backwards = accepted.As<FhirTask>();
        backwards.Status = FhirTask.TaskStatus.Requested;
        (await edo.PutAsync($"Task/{TaskId}", backwards, newETag)).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "setting the Task back to requested");

        var shelterView = await shelter.Fhir.ReadAsync<FhirTask>($"Task/{TaskId}");
        Expect.That(shelterView?.Status == FhirTask.TaskStatus.Accepted, "the shelter then reads status accepted", shelterView?.Status?.ToString());
    }

    // ---------------------------------------------------------------- step 5

    public async Task DisclosureLogAsync()
    {
        var patientRef = $"Patient/{PatientId}";
        var events = await Eventually.UntilAsync(
            $"the shelter's AuditEvent?patient={patientRef} lists a disclosure to ngo-ng-edo",
            async () =>
            {
                var bundle = await shelter.Fhir.SearchAsync("AuditEvent", [$"patient={patientRef}"]);
                Expect.That(bundle?.Type == Bundle.BundleType.Searchset, "the AuditEvent search answers a searchset Bundle", bundle?.Type?.ToString());
                return bundle!.Entry.Select(entry => entry.Resource).OfType<AuditEvent>().ToList();
            },
            found => found.Any(ToEdo),
            found => $"{found.Count} AuditEvents: {string.Join(" ; ", found.Select(FhirJson.Serialize))}");

        var disclosures = events.Where(ToEdo).ToList();
        var disclosure = disclosures.FirstOrDefault(e => e.Entity.Any(entity => Refs.Of(entity.What) == patientRef) && e.Entity.Any(entity => Refs.Of(entity.What) == $"Consent/{ConsentId}"));
        Expect.That(disclosure is not null, $"a disclosure AuditEvent to ngo-ng-edo has entity.what {patientRef} and Consent/{ConsentId}",
            string.Join(" ; ", disclosures.Select(FhirJson.Serialize)));
        AuditEventId = Expect.NotNull(disclosure!.Id, "the AuditEvent has an id");

        var classes = disclosures.SelectMany(e => e.Entity).SelectMany(entity => entity.Detail)
            .Where(detail => detail.Type == "data-class").Select(detail => (detail.Value as FhirString)?.Value).OfType<string>().ToHashSet();
        Expect.That(classes.SetEquals(Vocabulary.ConsentedClasses), $"the disclosed data classes are exactly {string.Join(", ", Vocabulary.ConsentedClasses)}",
            string.Join(", ", classes));
        Expect.That(!classes.Overlaps(Vocabulary.WithheldClasses), "no withheld data class (health, contact, case-notes, …) is recorded as disclosed", string.Join(", ", classes));

        // Append-only: DELETE is refused with 405, a change is refused, and the AuditEvent stays readable, unchanged.
        var before = await shelter.GetAsync($"AuditEvent/{AuditEventId}");
        before.ShouldBe(HttpStatusCode.OK, "the shelter reading the AuditEvent");
        (await shelter.DeleteAsync($"AuditEvent/{AuditEventId}")).ShouldBeOutcome(HttpStatusCode.MethodNotAllowed, "DELETE of the AuditEvent");
        var tampered = before.As<AuditEvent>();
        tampered.Entity.Clear();
        var put = await shelter.PutAsync($"AuditEvent/{AuditEventId}", tampered, before.ETag);
        Expect.That((int)put.Status is >= 400 and < 500 && put.ResourceType == "OperationOutcome", "a PUT of the AuditEvent is refused with a 4xx OperationOutcome", put.Describe());
        var after = await shelter.GetAsync($"AuditEvent/{AuditEventId}");
        after.ShouldBe(HttpStatusCode.OK, "the AuditEvent stays readable after the refused DELETE");
        Expect.That(after.Body == before.Body, "the AuditEvent is unchanged", after.Describe());

        // Custodian only: the recipient (and the outsider) get nothing of the log.
        foreach (var (client, query) in new[]
                 {
                     (edo, $"AuditEvent?patient={patientRef}"), (edo, $"AuditEvent?patient=Patient/{EdoPatientId}"), (lagos, $"AuditEvent?patient={patientRef}"),
                 })
        {
            var answer = await client.GetAsync(query);
            Expect.That((int)answer.Status < 500, $"{client.Caller}'s {query} is no server error", answer.Describe());
            if (answer.Status == HttpStatusCode.OK)
            {
                Expect.That(!answer.As<Bundle>().Entry.Any(entry => entry.Resource is AuditEvent), $"{client.Caller}'s {query} lists no AuditEvent", answer.Describe());
            }
        }

        (await edo.GetAsync($"AuditEvent/{AuditEventId}")).ShouldBeOutcome(HttpStatusCode.NotFound, "ngo-ng-edo reading the AuditEvent");
        (await lagos.GetAsync($"AuditEvent/{AuditEventId}")).ShouldBeOutcome(HttpStatusCode.NotFound, "ngo-ng-lagos reading the AuditEvent");
    }

    private static bool ToEdo(AuditEvent auditEvent) => auditEvent.Agent.Any(agent => Refs.Of(agent.Who) == $"Organization/{NgoEdo}");

    // ---------------------------------------------------------------- step 6

    public async Task WithdrawAsync()
    {
        var consent = Expect.NotNull(await shelter.Fhir.ReadAsync<FhirConsent>($"Consent/{ConsentId}"), "the shelter reads its Consent");
        Expect.That(consent.Status == FhirConsent.ConsentState.Active, "the Consent is active before withdrawal", consent.Status?.ToString());
        Expect.That(!string.IsNullOrEmpty(consent.Meta?.VersionId), "the Consent has meta.versionId (for If-Match)");
        consent.Status = FhirConsent.ConsentState.Inactive;
        var updated = await shelter.Fhir.UpdateAsync(consent, versionAware: true);
        Expect.That(shelter.Fhir.LastResult?.Status?.StartsWith("200", StringComparison.Ordinal) == true, "PUT Consent with If-Match answers 200", shelter.Fhir.LastResult?.Status);
        Expect.That(updated?.Status == FhirConsent.ConsentState.Inactive, "the updated Consent is inactive", updated?.Status?.ToString());

        var refused = await Eventually.UntilAsync(
            $"ngo-ng-edo's GET Patient/{EdoPatientId} answers 403 after withdrawal",
            () => edo.GetAsync($"Patient/{EdoPatientId}"),
            answer => answer.Status == HttpStatusCode.Forbidden,
            answer => answer.Describe());
        var outcome = refused.ShouldBeOutcome(HttpStatusCode.Forbidden, "ngo-ng-edo reading its Patient after withdrawal");
        var text = Expect.TextOf(outcome);
        Expect.That(text.Contains("consent", StringComparison.OrdinalIgnoreCase) && text.Contains("withdrawn", StringComparison.OrdinalIgnoreCase),
            "the 403 OperationOutcome says the consent was withdrawn", text);

        foreach (var path in new[] { $"ServiceRequest/{EdoServiceRequestId}", $"Observation/{EdoEducationId}" })
        {
            var answer = await Eventually.UntilAsync($"ngo-ng-edo's GET {path} answers 403 after withdrawal",
                () => edo.GetAsync(path), a => a.Status == HttpStatusCode.Forbidden, a => a.Describe());
            answer.ShouldBeOutcome(HttpStatusCode.Forbidden, $"ngo-ng-edo reading {path} after withdrawal");
        }

        var cancelled = await Eventually.UntilAsync(
            $"the Task {TaskId} becomes cancelled after withdrawal",
            () => shelter.Fhir.ReadAsync<FhirTask>($"Task/{TaskId}"),
            task => task?.Status == FhirTask.TaskStatus.Cancelled,
            task => task is null ? "null" : FhirJson.Serialize(task));
        Expect.That(cancelled!.StatusReason is { } reason && (!string.IsNullOrEmpty(reason.Text) || reason.Coding.Count > 0),
            "the cancelled Task has a statusReason", FhirJson.Serialize(cancelled));

        // The recipient learns of the cancellation: its Task reads cancelled (or, if the hub treats the Task as
        // withdrawn data, 403 — DESIGN does not say which; both are accepted here).
        var recipientTask = await edo.GetAsync($"Task/{TaskId}");
        Expect.That(
            (recipientTask.Status == HttpStatusCode.OK && recipientTask.As<FhirTask>().Status == FhirTask.TaskStatus.Cancelled)
            || (recipientTask.Status == HttpStatusCode.Forbidden && recipientTask.ResourceType == "OperationOutcome"),
            "ngo-ng-edo's Task reads cancelled (or 403 withdrawn)", recipientTask.Describe());

        foreach (var exchange in hub.Responses.ReceivedBy(NgoEdo))
        {
            Expect.NoneIn(exchange.Body, Canaries.WithheldFromRecipient, $"no withheld value in any response to ngo-ng-edo; {exchange}");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static async Task<List<FhirTask>> SearchTasksAsync(HubClient client, params string[] criteria)
    {
        var bundle = await client.Fhir.SearchAsync("Task", criteria);
        return bundle?.Entry.Select(entry => entry.Resource).OfType<FhirTask>().ToList() ?? [];
    }

    [GeneratedRegex(@"^(?:https?://\S+?/fhir/)?(?<type>[A-Za-z]+)/(?<id>[A-Za-z0-9\-\.]{1,64})/_history/1$")]
    private static partial Regex LocationPattern();

    [GeneratedRegex("^W/\"[^\"]+\"$")]
    private static partial Regex WeakETagPattern();
}
