using Hl7.Fhir.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Api;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Privacy;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;
using ReferralHub.Gateway.Validation;
using ReferralHub.Messaging.Observability;
using ReferralHub.ServiceDefaults.Observability;
using ReferralHub.ServiceDefaults.Privacy;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Gateway.Referrals;

/// <summary>
/// Creates submitted resources — a transaction Bundle's entries or a single POST — all or nothing, each conforming to
/// the hub's profile for its type. Each active ServiceRequest is a referral. For one that names its recipient, Consent
/// decides the disclosure first and redacts it (a referral no consent permits is refused with 422 and nothing is kept);
/// then the resources, a Task per referral, the recipient's copies and audit record, and the messages for Consent and
/// Routing are committed in one transaction, so the recipient can read the referral as soon as it is accepted. A
/// decision overtaken before the commit (a consent changed meanwhile), and a referral that names no recipient (Routing
/// chooses from the directory), are decided after the commit, through Routing. What the messages carry of the survivor
/// is sealed under her data key (made with her Patient).
/// </summary>
public sealed class ReferralSubmission(
    GatewayDbContext db,
    SubmittedResources store,
    ReferenceChecks references,
    ProfileValidator profiles,
    DisclosureWriter disclosures,
    SurvivorKeys keys,
    ReferralMetrics metrics,
    IRequestClient<EvaluateReferralConsent> consentClient)
{
    /// <summary>How long a submission waits for the consent service's decision before answering 503.</summary>
    public static readonly TimeSpan ConsentCheckTimeout = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<Resource>> SubmitAsync(FhirCaller caller, IReadOnlyList<SubmissionEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            if (FhirCapabilities.Of(entry.Resource.TypeName) is not { Create: true } || Directory.DirectoryVocabulary.IsDirectoryType(entry.Resource.TypeName))
            {
                throw new FhirInputException(405, $"{entry.Resource.TypeName} cannot be created through this API.");
            }

            if (FhirCapabilities.CreatedAlone.Contains(entry.Resource.TypeName))
            {
                throw new FhirInputException(405, $"A {entry.Resource.TypeName} is created on its own with POST /fhir/{entry.Resource.TypeName}, not in a Bundle.");
            }

            caller.Require(entry.Resource.TypeName, 'c');
        }

        AssignIds(entries);
        await profiles.EnsureConformAsync(entries.Select(e => (e.Resource, e.PathInRequest)), cancellationToken);
        var created = entries.ToDictionary(e => (e.Resource.TypeName, e.Resource.Id!), e => e.Resource);
        foreach (var entry in entries)
        {
            await references.CheckAsync(caller, entry.Resource, entry.PathInRequest, created, cancellationToken);
            ResourceRules.Check(entry.Resource, caller.OrganizationId);
        }

        // A survivor's data key is made with her, so two later requests about her never race to make it.
        foreach (var patient in entries.Select(e => e.Resource).OfType<Patient>())
        {
            keys.MakeFor(patient.Id!);
        }

        var referrals = new List<SubmittedReferral>();
        foreach (var request in entries.Select(e => e.Resource).OfType<ServiceRequest>().Where(ResourceRules.IsReferral))
        {
            var taskId = Guid.NewGuid().ToString();
            var key = await keys.ForAsync(ResourceRules.PatientOf(request)!, cancellationToken);
            var disclosed = await DisclosedAsync(caller, request, created, cancellationToken);
            var payload = disclosed.Select(r => new FhirPayload(r.ResourceType, r.Id, key.Seal(r.Json))).ToList();
            var directory = ResourceRules.PerformerOf(request) is null ? DirectoryReferrals.QueryOf(request, FhirJson.Parse<Patient>(disclosed[0].Json)) : null;
            var (consents, approval) = await CheckConsentAsync(caller, taskId, request, payload, entries, created, key, cancellationToken);
            referrals.Add(new SubmittedReferral(taskId, request, consents, payload, directory, approval));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var entry in entries)
        {
            store.Add(entry.Resource, caller.OrganizationId, ResourceRules.PatientOf(entry.Resource));
        }

        // The consents are saved before the disclosures, which are stored only while those are current.
        await db.SaveChangesAsync(cancellationToken);
        var decided = new List<DisclosureApproved>();
        var createdWithIt = created.Keys.ToHashSet();
        foreach (var referral in referrals)
        {
            if (await AddReferralAsync(caller, referral, createdWithIt, cancellationToken) is { } stored)
            {
                decided.Add(stored);
            }
        }

        foreach (var consent in entries.Select(e => e.Resource).OfType<FhirConsent>())
        {
            var version = ToVersion(consent, caller.OrganizationId, await keys.ForAsync(ResourceRules.PatientOf(consent)!, cancellationToken));
            var decidedOnIt = decided
                .Where(d => d.DecidedOn.Contains(new ConsentVersionRef(version.ConsentId, version.Version)))
                .Select(d => d.TaskId)
                .ToList();
            db.Enqueue(new ConsentRecorded(version, db.Clock.GetUtcNow(), decidedOnIt, SurvivorIsNew: created.ContainsKey(("Patient", version.PatientId))));
        }

        // A new consent may govern copies already disclosed of the same survivor, and permit less than they hold. (A
        // survivor new in this Bundle has no copies but those just stored, decided on her current consents.) Finding
        // them reads the copies, so what this submission stored is saved first.
        var knownSurvivors = entries.Select(e => e.Resource).OfType<FhirConsent>().Select(ResourceRules.PatientOf).OfType<string>().Distinct()
            .Where(patientId => !created.ContainsKey(("Patient", patientId)))
            .ToList();
        if (knownSurvivors.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            foreach (var patientId in knownSurvivors)
            {
                await disclosures.SuspendUnpermittedAsync(patientId, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Submitted(referrals.Count);
        return entries.Select(e => e.Resource).ToList();
    }

    private static void AssignIds(IReadOnlyList<SubmissionEntry> entries)
    {
        var byFullUrl = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            entry.Resource.Id = Guid.NewGuid().ToString();
            if (entry.FullUrl is not null && !byFullUrl.TryAdd(entry.FullUrl, $"{entry.Resource.TypeName}/{entry.Resource.Id}"))
            {
                throw new FhirInputException(400, "Two entries of the Bundle have the same fullUrl.");
            }
        }

        foreach (var reference in entries.SelectMany(e => FhirReferences.All(e.Resource)))
        {
            if (reference.Reference is { } target && byFullUrl.TryGetValue(target, out var resolved))
            {
                reference.Reference = resolved;
            }
        }
    }

    /// <summary>The consents the referral is made under, and the disclosure Consent decided for its named recipient.</summary>
    private async Task<(IReadOnlyList<ConsentVersion> Consents, DisclosureApproved? Approval)> CheckConsentAsync(
        FhirCaller caller,
        string taskId,
        ServiceRequest request,
        IReadOnlyList<FhirPayload> payload,
        IReadOnlyList<SubmissionEntry> entries,
        Dictionary<(string, string), Resource> created,
        SurvivorDataKey key,
        CancellationToken cancellationToken)
    {
        var patientId = ResourceRules.PatientOf(request)!;
        var recipient = ResourceRules.PerformerOf(request);
        if (recipient == caller.OrganizationId)
        {
            throw FhirInputException.Unprocessable("An organisation cannot refer a survivor to itself.");
        }

        var consents = entries.Select(e => e.Resource).OfType<FhirConsent>()
            .Where(c => ResourceRules.PatientOf(c) == patientId)
            .Select(c => ToVersion(c, caller.OrganizationId, key))
            .ToList();
        // A survivor created with this submission has no consents but those submitted with her.
        if (!created.ContainsKey(("Patient", patientId)))
        {
            var stored = await db.Resources.AsNoTracking()
                .Where(r => r.ResourceType == "Consent" && r.PatientId == patientId && r.OwnerOrganizationId == caller.OrganizationId)
                .ToListAsync(cancellationToken);
            consents.AddRange(stored.Select(r => new ConsentVersion(r.Id, r.VersionId, caller.OrganizationId, patientId, key.Seal(r.Json))));
        }

        if (consents.Count == 0)
        {
            throw FhirInputException.Unprocessable("No consent of this survivor is recorded: submit the Consent with the referral.");
        }

        if (recipient is null)
        {
            // Routed through the directory: Consent decides among the candidates Routing finds, and a referral the
            // consents permit to none of them fails on its Task with the reason.
            return (consents, null);
        }

        // The request client's own timeout starts only once the request is sent; while the broker is unreachable the
        // send itself waits. Either way the caller gets a 503 (a transient failure) in bounded time.
        using var activity = HubTelemetry.Source.StartActivity("consent check");
        activity?.SetTag("referralhub.task.id", taskId);
        activity?.SetTag("referralhub.recipient", recipient);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConsentCheckTimeout);
        ReferralConsentEvaluated decision;
        try
        {
            decision = (await consentClient.GetResponse<ReferralConsentEvaluated>(
                new EvaluateReferralConsent(patientId, caller.OrganizationId, recipient, Purpose.ReintegrationAssistance, consents, db.Clock.GetUtcNow(), taskId, payload),
                timeout.Token)).Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Failed("consent-unavailable");
            throw new TimeoutException("The consent check was not answered in time.");
        }

        activity?.SetTag("referralhub.consent.outcome", decision.Permitted ? "permit" : "deny");
        if (!decision.Permitted)
        {
            metrics.Failed("consent-refused");
            throw FhirInputException.Unprocessable($"No active consent permits this referral to Organization/{recipient}: {decision.Reason}. Nothing was stored.");
        }

        return (consents, decision.Approval);
    }

    /// <summary>
    /// Creates the referral's Task and stores the disclosure decided at submission, and returns it; when it has been
    /// overtaken (or none was decided), Routing has it decided after the commit from the resources it is sent.
    /// </summary>
    private async Task<DisclosureApproved?> AddReferralAsync(
        FhirCaller caller, SubmittedReferral referral, IReadOnlySet<(string, string)> createdWithIt, CancellationToken cancellationToken)
    {
        var request = referral.Request;
        var patientId = ResourceRules.PatientOf(request)!;
        var recipient = ResourceRules.PerformerOf(request);
        var requestId = request.Id!;
        var now = db.Clock.GetUtcNow();
        var task = Tasks.TaskFactory.ForReferral(requestId, patientId, caller.OrganizationId, recipient, now);
        task.Id = referral.TaskId;
        SubmittedResources.Stamp(task, 1, now.UtcDateTime);
        var json = FhirJson.Serialize(task);
        db.Tasks.Add(new ReferralTask
        {
            Id = task.Id,
            VersionId = 1,
            LastUpdated = now.UtcDateTime,
            Status = "requested",
            RequesterOrganizationId = caller.OrganizationId,
            OwnerOrganizationId = recipient,
            PatientId = patientId,
            ServiceRequestId = requestId,
            Json = json,
        });
        db.ResourceVersions.Add(new ResourceVersion { ResourceType = "Task", Id = task.Id, VersionId = 1, LastUpdated = now.UtcDateTime, Json = json });

        if (referral.Approval is { } approval && await disclosures.StoreAsync(approval, createdWithIt, cancellationToken) == DisclosureStoreOutcome.Stored)
        {
            db.Enqueue(new ReferralSubmitted(
                task.Id, caller.OrganizationId, recipient, Purpose.ReintegrationAssistance, patientId, requestId, referral.Consents, [], now, DisclosedUnderConsentId: approval.ConsentId));
            return approval;
        }

        db.Enqueue(new ReferralSubmitted(
            task.Id, caller.OrganizationId, recipient, Purpose.ReintegrationAssistance, patientId, requestId, referral.Consents, referral.Payload, now, referral.Directory));
        return null;
    }

    /// <summary>What a referral would disclose: its Patient (first), the ServiceRequest and the Observations it names as supporting information.</summary>
    private async Task<IReadOnlyList<DisclosedResource>> DisclosedAsync(FhirCaller caller, ServiceRequest request, Dictionary<(string, string), Resource> created, CancellationToken cancellationToken)
    {
        var disclosed = new List<DisclosedResource>
        {
            await ResourceAsync(caller, "Patient", ResourceRules.PatientOf(request)!, created, cancellationToken),
            new(request.TypeName, request.Id!, FhirJson.Serialize(request)),
        };
        foreach (var observationId in request.SupportingInfo.Select(r => FhirReferences.IdOf(r, "Observation")).OfType<string>().Distinct())
        {
            disclosed.Add(await ResourceAsync(caller, "Observation", observationId, created, cancellationToken));
        }

        return disclosed;
    }

    private async Task<DisclosedResource> ResourceAsync(FhirCaller caller, string type, string id, Dictionary<(string, string), Resource> created, CancellationToken cancellationToken)
    {
        if (created.TryGetValue((type, id), out var resource))
        {
            return new DisclosedResource(type, id, FhirJson.Serialize(resource));
        }

        var stored = await store.FindOwnedAsync(caller.OrganizationId, type, id, cancellationToken)
            ?? throw FhirInputException.Unprocessable($"{type}/{id} is not known.");
        return new DisclosedResource(type, id, stored.Json);
    }

    private static ConsentVersion ToVersion(FhirConsent consent, string custodian, SurvivorDataKey key) =>
        new(consent.Id!, int.Parse(consent.Meta?.VersionId ?? "1", System.Globalization.CultureInfo.InvariantCulture), custodian, ResourceRules.PatientOf(consent)!, key.Seal(FhirJson.Serialize(consent)));

    private sealed record DisclosedResource(string ResourceType, string Id, string Json);

    private sealed record SubmittedReferral(
        string TaskId, ServiceRequest Request, IReadOnlyList<ConsentVersion> Consents, IReadOnlyList<FhirPayload> Payload, DirectoryQuery? Directory, DisclosureApproved? Approval);
}
