using Hl7.Fhir.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Api;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;
using ReferralHub.Gateway.Validation;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Gateway.Referrals;

/// <summary>
/// Creates submitted resources — a transaction Bundle's entries or a single POST — all or nothing, each conforming to
/// the hub's profile for its type. Each active ServiceRequest is a referral: Consent is asked first whether any
/// disclosure to its recipient is permitted (a referral no consent permits is refused with 422 and nothing is kept);
/// then the resources, a Task per referral and the messages for Consent and Routing are committed in one transaction.
/// A referral that names no recipient gets a Task without owner, and Routing chooses from the directory.
/// </summary>
public sealed class ReferralSubmission(
    GatewayDbContext db, SubmittedResources store, ReferenceChecks references, ProfileValidator profiles, DisclosureWriter disclosures, IRequestClient<EvaluateReferralConsent> consentClient)
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
        profiles.EnsureConform(entries.Select(e => (e.Resource, e.PathInRequest)));
        var created = entries.ToDictionary(e => (e.Resource.TypeName, e.Resource.Id!), e => e.Resource);
        foreach (var entry in entries)
        {
            await references.CheckAsync(caller, entry.Resource, entry.PathInRequest, created, cancellationToken);
            ResourceRules.Check(entry.Resource, caller.OrganizationId);
        }

        var referrals = new List<(ServiceRequest Request, IReadOnlyList<ConsentVersion> Consents)>();
        foreach (var request in entries.Select(e => e.Resource).OfType<ServiceRequest>().Where(ResourceRules.IsReferral))
        {
            referrals.Add((request, await CheckConsentAsync(caller, request, entries, cancellationToken)));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var entry in entries)
        {
            store.Add(entry.Resource, caller.OrganizationId, ResourceRules.PatientOf(entry.Resource));
            if (entry.Resource is FhirConsent consent)
            {
                db.Enqueue(new ConsentRecorded(ToVersion(consent, caller.OrganizationId), db.Clock.GetUtcNow()));
            }
        }

        foreach (var (request, consents) in referrals)
        {
            await AddReferralAsync(caller, request, consents, created, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);

        // A new consent may govern copies already disclosed of the same survivor, and permit less than they hold.
        foreach (var patientId in entries.Select(e => e.Resource).OfType<FhirConsent>().Select(ResourceRules.PatientOf).OfType<string>().Distinct())
        {
            await disclosures.SuspendUnpermittedAsync(patientId, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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

    private async Task<IReadOnlyList<ConsentVersion>> CheckConsentAsync(FhirCaller caller, ServiceRequest request, IReadOnlyList<SubmissionEntry> entries, CancellationToken cancellationToken)
    {
        var patientId = ResourceRules.PatientOf(request)!;
        var recipient = ResourceRules.PerformerOf(request);
        if (recipient == caller.OrganizationId)
        {
            throw FhirInputException.Unprocessable("An organisation cannot refer a survivor to itself.");
        }

        var consents = entries.Select(e => e.Resource).OfType<FhirConsent>()
            .Where(c => ResourceRules.PatientOf(c) == patientId)
            .Select(c => ToVersion(c, caller.OrganizationId))
            .ToList();
        var stored = await db.Resources.AsNoTracking()
            .Where(r => r.ResourceType == "Consent" && r.PatientId == patientId && r.OwnerOrganizationId == caller.OrganizationId)
            .ToListAsync(cancellationToken);
        consents.AddRange(stored.Select(r => new ConsentVersion(r.Id, r.VersionId, caller.OrganizationId, patientId, r.Json)));
        if (consents.Count == 0)
        {
            throw FhirInputException.Unprocessable("No consent of this survivor is recorded: submit the Consent with the referral.");
        }

        if (recipient is null)
        {
            // Routed through the directory: Consent decides among the candidates Routing finds, and a referral the
            // consents permit to none of them fails on its Task with the reason.
            return consents;
        }

        // The request client's own timeout starts only once the request is sent; while the broker is unreachable the
        // send itself waits. Either way the caller gets a 503 (a transient failure) in bounded time.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConsentCheckTimeout);
        ReferralConsentEvaluated decision;
        try
        {
            decision = (await consentClient.GetResponse<ReferralConsentEvaluated>(
                new EvaluateReferralConsent(patientId, caller.OrganizationId, recipient, Purpose.ReintegrationAssistance, consents, db.Clock.GetUtcNow()),
                timeout.Token)).Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The consent check was not answered in time.");
        }

        return decision.Permitted
            ? consents
            : throw FhirInputException.Unprocessable($"No active consent permits this referral to Organization/{recipient}: {decision.Reason}. Nothing was stored.");
    }

    private async System.Threading.Tasks.Task AddReferralAsync(FhirCaller caller, ServiceRequest request, IReadOnlyList<ConsentVersion> consents, Dictionary<(string, string), Resource> created, CancellationToken cancellationToken)
    {
        var patientId = ResourceRules.PatientOf(request)!;
        var recipient = ResourceRules.PerformerOf(request);
        var requestId = request.Id!;
        var now = db.Clock.GetUtcNow();
        var task = Tasks.TaskFactory.ForReferral(requestId, patientId, caller.OrganizationId, recipient, now);
        SubmittedResources.Stamp(task, 1, now.UtcDateTime);
        var json = FhirJson.Serialize(task);
        db.Tasks.Add(new ReferralTask
        {
            Id = task.Id!,
            VersionId = 1,
            LastUpdated = now.UtcDateTime,
            Status = "requested",
            RequesterOrganizationId = caller.OrganizationId,
            OwnerOrganizationId = recipient,
            PatientId = patientId,
            ServiceRequestId = requestId,
            Json = json,
        });
        db.ResourceVersions.Add(new ResourceVersion { ResourceType = "Task", Id = task.Id!, VersionId = 1, LastUpdated = now.UtcDateTime, Json = json });

        var patient = await PayloadAsync(caller, "Patient", patientId, created, cancellationToken);
        var payload = new List<FhirPayload> { patient, Payload(request) };
        foreach (var observationId in request.SupportingInfo.Select(r => FhirReferences.IdOf(r, "Observation")).OfType<string>().Distinct())
        {
            payload.Add(await PayloadAsync(caller, "Observation", observationId, created, cancellationToken));
        }

        var directory = recipient is null ? DirectoryReferrals.QueryOf(request, FhirJson.Parse<Patient>(patient.Json)) : null;
        db.Enqueue(new ReferralSubmitted(task.Id!, caller.OrganizationId, recipient, Purpose.ReintegrationAssistance, patientId, requestId, consents, payload, now, directory));
    }

    private async Task<FhirPayload> PayloadAsync(FhirCaller caller, string type, string id, Dictionary<(string, string), Resource> created, CancellationToken cancellationToken)
    {
        if (created.TryGetValue((type, id), out var resource))
        {
            return Payload(resource);
        }

        var stored = await store.FindOwnedAsync(caller.OrganizationId, type, id, cancellationToken)
            ?? throw FhirInputException.Unprocessable($"{type}/{id} is not known.");
        return new FhirPayload(type, id, stored.Json);
    }

    private static FhirPayload Payload(Resource resource) => new(resource.TypeName, resource.Id!, FhirJson.Serialize(resource));

    private static ConsentVersion ToVersion(FhirConsent consent, string custodian) =>
        new(consent.Id!, int.Parse(consent.Meta?.VersionId ?? "1", System.Globalization.CultureInfo.InvariantCulture), custodian, ResourceRules.PatientOf(consent)!, FhirJson.Serialize(consent));
}
