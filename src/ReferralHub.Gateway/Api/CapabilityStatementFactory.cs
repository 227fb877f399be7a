using Hl7.Fhir.Model;
using ReferralHub.Gateway.Signing;
using ReferralHub.Gateway.Validation;

namespace ReferralHub.Gateway.Api;

/// <summary>The CapabilityStatement of <c>GET /fhir/metadata</c>: exactly what <see cref="FhirCapabilities"/> supports.</summary>
public static class CapabilityStatementFactory
{
    private static readonly Dictionary<string, SearchParamType> ParameterTypes = new()
    {
        ["_id"] = SearchParamType.Token,
        ["_lastUpdated"] = SearchParamType.Date,
        ["patient"] = SearchParamType.Reference,
        ["owner"] = SearchParamType.Reference,
        ["requester"] = SearchParamType.Reference,
        ["focus"] = SearchParamType.Reference,
        ["status"] = SearchParamType.Token,
        ["name"] = SearchParamType.String,
        ["organization"] = SearchParamType.Reference,
        ["service-category"] = SearchParamType.Token,
        ["active"] = SearchParamType.Token,
        ["country"] = SearchParamType.Token,
        ["region"] = SearchParamType.Token,
        ["language"] = SearchParamType.Token,
        ["capacity"] = SearchParamType.Token,
        ["part-of"] = SearchParamType.Reference,
        ["code"] = SearchParamType.Token,
        ["overdue"] = SearchParamType.Token,
        ["due"] = SearchParamType.Date,
        ["about"] = SearchParamType.Reference,
        ["sender"] = SearchParamType.Reference,
        ["recipient"] = SearchParamType.Reference,
    };

    /// <summary>The hub's own search parameters (no FHIR definition), explained in the statement.</summary>
    private static readonly Dictionary<string, string> HubParameterDocs = new()
    {
        ["country"] = "The ISO 3166-1 alpha-2 country of the service's coverage area (docs/directory.md).",
        ["region"] = "The ISO 3166-2 region of the service's coverage area.",
        ["language"] = "A BCP 47 language the service works in (HealthcareService.communication).",
        ["capacity"] = "accepting | waitlist | not-accepting (http://referralhub.org/fhir/CodeSystem/capacity).",
        ["overdue"] = "true: follow-ups (code follow-up) still open (requested or in-progress) whose due date (restriction.period.end) has passed; false: every other follow-up (docs/follow-ups.md).",
        ["due"] = "The due date of follow-ups (restriction.period.end, from its first instant; a date without a time is read in UTC), with the prefixes eq, gt, ge, lt, le.",
        ["about"] = "The referral Task a Communication is about (Task/<id>).",
    };

    public static CapabilityStatement Create(string fhirBaseUrl, string tokenUrl)
    {
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Security = new CapabilityStatement.SecurityComponent
            {
                Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR")],
                Description = $"OAuth 2.0 client credentials (SMART Backend Services); token endpoint {tokenUrl}. Each client acts for one organisation. "
                    + $"Message Bundles are signed by the hub (Bundle.signature, ES256); its keys: {fhirBaseUrl}/{MessageSigningKeysEndpoint.RelativePath}.",
            },
            Interaction =
            [
                new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction },
            ],
        };
        foreach (var (type, capability) in FhirCapabilities.Resources)
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = type,
                Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
                ReadHistory = true,
                UpdateCreate = capability.UpdateCreate,
                ConditionalCreate = false,
                ConditionalUpdate = false,
                SearchInclude = capability.Includes,
                SupportedProfile = [.. HubProfiles.Supported(type)],
            };
            resource.Interaction.Add(Interaction(CapabilityStatement.TypeRestfulInteraction.Read));
            resource.Interaction.Add(Interaction(CapabilityStatement.TypeRestfulInteraction.Vread));
            resource.Interaction.Add(Interaction(CapabilityStatement.TypeRestfulInteraction.SearchType));
            if (capability.Create)
            {
                resource.Interaction.Add(Interaction(CapabilityStatement.TypeRestfulInteraction.Create));
            }

            if (capability.Update)
            {
                resource.Interaction.Add(Interaction(CapabilityStatement.TypeRestfulInteraction.Update));
            }

            foreach (var name in FhirCapabilities.CommonSearchParameters.Where(ParameterTypes.ContainsKey).Concat(capability.SearchParameters))
            {
                resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent
                {
                    Name = name,
                    Type = ParameterTypes[name],
                    Documentation = HubParameterDocs.TryGetValue(name, out var documentation) ? documentation : null,
                });
            }

            foreach (var operation in FhirCapabilities.Operations.Where(o => o.Type == type))
            {
                resource.Operation.Add(new CapabilityStatement.OperationComponent { Name = operation.Name, Definition = operation.Definition });
            }

            rest.Resource.Add(resource);
        }

        foreach (var operation in FhirCapabilities.Operations.Where(o => o.Type is null))
        {
            rest.Operation.Add(new CapabilityStatement.OperationComponent { Name = operation.Name, Definition = operation.Definition });
        }

        return new CapabilityStatement
        {
            Id = "referralhub",
            Url = $"{fhirBaseUrl}/metadata",
            Name = "ReferralHub",
            Title = "ReferralHub FHIR R4 API",
            Status = PublicationStatus.Active,
            Date = "2026-11-28",
            Publisher = "ReferralHub",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "ReferralHub" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "ReferralHub", Url = fhirBaseUrl },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json", "application/json"],
            Rest = [rest],
        };
    }

    private static CapabilityStatement.ResourceInteractionComponent Interaction(CapabilityStatement.TypeRestfulInteraction code) => new() { Code = code };
}
