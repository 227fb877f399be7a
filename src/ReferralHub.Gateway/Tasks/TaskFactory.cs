using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.Tasks;

/// <summary>The Task the hub creates for each referral (DESIGN §5); without an owner until the directory gives it one.</summary>
public static class TaskFactory
{
    public static FhirTask ForReferral(string serviceRequestId, string patientId, string requesterOrganizationId, string? ownerOrganizationId, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Status = FhirTask.TaskStatus.Requested,
        Intent = FhirTask.TaskIntent.Order,
        Code = new CodeableConcept("http://hl7.org/fhir/CodeSystem/task-code", "fulfill", "Fulfill the focal request"),
        Focus = new ResourceReference($"ServiceRequest/{serviceRequestId}"),
        For = new ResourceReference($"Patient/{patientId}"),
        AuthoredOn = now.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        LastModified = now.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        Requester = new ResourceReference($"Organization/{requesterOrganizationId}"),
        Owner = ownerOrganizationId is null ? null : new ResourceReference($"Organization/{ownerOrganizationId}"),
    };
}
