using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Web.Fhir;

namespace ReferralHub.Web.Referrals;

/// <summary>The referral a caseworker sends: one service, one recipient from the directory.</summary>
public static class ReferralRequest
{
    public static ServiceRequest Build(string patientId, string requester, string recipient, string serviceCode, DateTimeOffset now) => new()
    {
        Status = RequestStatus.Active,
        Intent = RequestIntent.Order,
        Category = [FhirCodes.Concept(HubVocabulary.Services, serviceCode)],
        Subject = new ResourceReference($"Patient/{patientId}"),
        Requester = new ResourceReference($"Organization/{requester}"),
        Performer = [new ResourceReference($"Organization/{recipient}")],
        AuthoredOnElement = new FhirDateTime(now),
    };
}
