using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;
using ReferralHub.Gateway.Validation;

namespace ReferralHub.Gateway.Communications;

/// <summary>
/// <c>POST /fhir/Communication</c>: one side of a referral writes to the other (docs/follow-ups.md). The body conforms
/// to the Communication profile (text payloads, <c>about</c> the referral Task); the hub sets <c>sender</c> (the
/// caller), <c>recipient</c> (the other side) and <c>sent</c>, and keeps nothing else. Refused with 422, nothing
/// stored, when the caller is not a side of the referral or the survivor's consent does not cover its recipient now.
/// </summary>
public sealed class CommunicationSending(GatewayDbContext db, ProfileValidator profiles, ReferralCoverage coverage)
{
    public async Task<Communication> SendAsync(FhirCaller caller, Communication incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(incoming);
        caller.Require("Communication", 'c');
        await profiles.EnsureConformAsync(incoming, HubProfiles.Communication, cancellationToken);
        var id = FhirReferences.IdOf(incoming.About.Single(), "Task");
        var referral = id is null ? null : await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (referral is null || !TaskViews.IsVisible(referral, caller.OrganizationId))
        {
            throw FhirInputException.Unprocessable("Communication.about must name a referral Task (Task/<id>) of which you are a side.");
        }

        if (!await coverage.CoversRecipientAsync(referral.Id, cancellationToken))
        {
            throw FhirInputException.Unprocessable(
                "The survivor's consent does not cover the referral's recipient now (not disclosed yet, withdrawn, expired or no longer permitted): nothing was sent.");
        }

        var other = caller.OrganizationId == referral.RequesterOrganizationId ? referral.OwnerOrganizationId! : referral.RequesterOrganizationId;
        if (incoming.Recipient.Count > 0 && FhirReferences.IdOf(incoming.Recipient[0], "Organization") != other)
        {
            throw FhirInputException.Unprocessable($"Communication.recipient must be the other side of the referral, Organization/{other}, or be left out.");
        }

        if (incoming.Payload.Any(p => p.Content is not FhirString { Value.Length: > 0 }))
        {
            throw FhirInputException.Unprocessable("Each Communication.payload needs a non-empty contentString.");
        }

        var now = db.Clock.GetUtcNow();
        var communication = new Communication
        {
            Id = Guid.NewGuid().ToString(),
            Status = EventStatus.Completed,
            About = [new ResourceReference($"Task/{referral.Id}")],
            Sent = now.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            Recipient = [new ResourceReference($"Organization/{other}")],
            Sender = new ResourceReference(caller.Reference),
            Payload = [.. incoming.Payload.Select(p => new Communication.PayloadComponent { Content = new FhirString(((FhirString)p.Content).Value) })],
        };
        SubmittedResources.Stamp(communication, 1, now.UtcDateTime);
        db.Communications.Add(new ReferralCommunication
        {
            Id = communication.Id,
            LastUpdated = now.UtcDateTime,
            ReferralTaskId = referral.Id,
            SenderOrganizationId = caller.OrganizationId,
            RecipientOrganizationId = other,
            PatientId = referral.PatientId,
            Json = FhirJson.Serialize(communication),
        });
        await db.SaveChangesAsync(cancellationToken);
        return communication;
    }
}
