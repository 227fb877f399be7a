using Hl7.Fhir.Model;
using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Privacy;
using ReferralHub.Gateway.Referrals;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using ReferralHub.ServiceDefaults.Authentication;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Gateway.Receipts;

/// <summary>
/// Gathers a receipt's facts: the custodian's own Consent, what the Consent service says it permits (its evaluator,
/// never a second reading here), organisation names from the directory, and the survivor's name from the custodian's
/// own Patient. Only the custodian gets a receipt; anyone else gets the 404 an unknown id gets (DESIGN §2 invariant 2).
/// </summary>
public sealed class ConsentReceipts(GatewayDbContext db, SubmittedResources store, SurvivorKeys keys, IRequestClient<DescribeConsent> consentClient)
{
    /// <summary>How long a receipt waits for the consent service before answering 503.</summary>
    public static readonly TimeSpan DescribeTimeout = TimeSpan.FromSeconds(10);

    public async Task<ReceiptFacts> GatherAsync(FhirCaller caller, string consentId, CancellationToken cancellationToken)
    {
        // The receipt is the survivor's right to know what may be shared; it shows her Consent and her name.
        caller.Require("Consent", 'r', PersonCapability.ReadDisclosureLog);
        caller.Require("Patient", 'r', PersonCapability.ReadDisclosureLog);
        var row = await store.FindOwnedAsync(caller.OrganizationId, "Consent", consentId, cancellationToken)
            ?? throw FhirInputException.NotFound("Consent", consentId);
        var consent = FhirJson.Parse<FhirConsent>(row.Json);
        var patientId = ResourceRules.PatientOf(consent)
            ?? throw new InvalidOperationException($"Consent/{consentId} has no patient, which the hub never stores.");
        var key = await keys.ForAsync(patientId, cancellationToken);
        var described = await DescribeAsync(new ConsentVersion(row.Id, row.VersionId, caller.OrganizationId, patientId, key.Seal(row.Json)), cancellationToken);

        var custodian = await DirectoryEntryAsync(caller.OrganizationId, cancellationToken);
        var grants = new List<ReceiptGrant>();
        foreach (var grant in described.Grants)
        {
            var recipient = await DirectoryEntryAsync(grant.RecipientOrganizationId, cancellationToken);
            grants.Add(new ReceiptGrant(grant.RecipientOrganizationId, NameOf(recipient, grant.RecipientOrganizationId), grant.Purpose, grant.DataClasses, grant.From, grant.Until));
        }

        return new ReceiptFacts(
            row.Id,
            row.VersionId,
            described.Status,
            consent.DateTimeElement is { } recorded && recorded.TryToDateTimeOffset(TimeSpan.Zero, out var consentedAt) ? consentedAt : null,
            db.Clock.GetUtcNow(),
            NameOf(custodian, caller.OrganizationId),
            custodian?.Address.Select(address => address.Country).FirstOrDefault(country => !string.IsNullOrEmpty(country)),
            await SurvivorNameAsync(caller, patientId, cancellationToken),
            grants,
            described.ExcludedClasses);
    }

    private async Task<ConsentDescribed> DescribeAsync(ConsentVersion consent, CancellationToken cancellationToken)
    {
        // As for the consent check at submission: the send itself waits while the broker is unreachable, so the
        // deadline covers both, and the caller gets a 503 in bounded time.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DescribeTimeout);
        try
        {
            var response = await consentClient.GetResponse<ConsentDescribed>(new DescribeConsent(consent, db.Clock.GetUtcNow()), timeout.Token);
            return response.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The consent service did not describe the consent in time.");
        }
    }

    private async Task<Organization?> DirectoryEntryAsync(string organizationId, CancellationToken cancellationToken)
    {
        var row = await store.FindAsync("Organization", organizationId, cancellationToken);
        return row is { OwnerOrganizationId: null } ? FhirJson.Parse<Organization>(row.Json) : null;
    }

    private static string NameOf(Organization? organization, string organizationId) =>
        organization?.Name is { Length: > 0 } name ? name : $"Organization/{organizationId}";

    /// <summary>The survivor's name, from the custodian's own Patient only: the receipt is for the survivor.</summary>
    private async Task<string?> SurvivorNameAsync(FhirCaller caller, string patientId, CancellationToken cancellationToken)
    {
        var row = await store.FindOwnedAsync(caller.OrganizationId, "Patient", patientId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var names = FhirJson.Parse<Patient>(row.Json).Name;
        var name = names.FirstOrDefault(n => n.Use is HumanName.NameUse.Official or HumanName.NameUse.Usual) ?? names.FirstOrDefault();
        var text = name?.Text is { Length: > 0 } written
            ? written
            : string.Join(' ', (name?.Given ?? []).Append(name?.Family).Where(part => !string.IsNullOrWhiteSpace(part)));
        return text.Length > 0 ? text : null;
    }
}
