using Hl7.Fhir.Specification.Source;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Validation;

/// <summary>
/// Where the validator finds definitions: first the hub's own CodeSystems, ValueSets and profiles (the JSON of
/// <c>contracts/fhir/</c>, shipped inside ReferralHub.Contracts), then the core R4 specification (<see cref="CoreSpecification"/>).
/// </summary>
public static class ConformanceResolver
{
    public static IAsyncResourceResolver Create()
    {
        var hubResources = CodeSystemLoader.ShippedResourceNames()
            .Select(name => FhirJson.Parse<Hl7.Fhir.Model.Resource>(CodeSystemLoader.ReadJson(name)))
            .ToList();
        return new CachedResolver(new MultiResolver(new InMemoryResourceResolver(hubResources), CoreSpecification.Shared));
    }
}
