namespace ReferralHub.EndToEnd.Tests.ServiceDirectory;

/// <summary>Directory resources as an operator writes them (docs/directory.md), built independently of the hub's code.</summary>
public static class DirectoryEntries
{
    public const string ServiceSystem = "http://referralhub.org/fhir/CodeSystem/reintegration-service";
    public const string CapacitySystem = "http://referralhub.org/fhir/CodeSystem/capacity";
    public const string CapacityExtension = "http://referralhub.org/fhir/StructureDefinition/capacity";

    public static Organization Organization(string name) => new() { Active = true, Name = name };

    public static HealthcareService Service(string organizationId, string[] codes, string country, string? region, string[] languages, string capacity)
    {
        var service = new HealthcareService
        {
            Active = true,
            Name = $"Test service of {organizationId}",
            ProvidedBy = new ResourceReference($"Organization/{organizationId}"),
            Contained = [new Location { Id = "area", Address = new Address { Country = country, State = region } }],
            CoverageArea = [new ResourceReference("#area")],
        };
        service.Category.AddRange(codes.Select(code => new CodeableConcept(ServiceSystem, code)));
        service.Communication.AddRange(languages.Select(tag => new CodeableConcept("urn:ietf:bcp:47", tag)));
        service.Extension.Add(new Extension(CapacityExtension, new Coding(CapacitySystem, capacity)));
        return service;
    }
}
