using Hl7.Fhir.Model;
using ReferralHub.Web.Fhir;

namespace ReferralHub.Web.ServiceDirectory;

/// <summary>The directory of organisations and their services, read from the FHIR API once per request.</summary>
public sealed class HubDirectory(HubApi api)
{
    private const int Largest = 200;

    private Dictionary<string, string>? names;

    /// <summary>Every organisation of the directory: id and name.</summary>
    public async Task<IReadOnlyDictionary<string, string>> OrganizationsAsync(CancellationToken cancellationToken)
    {
        if (names is null)
        {
            var bundle = await api.SearchAsync("Organization", [], Largest, cancellationToken);
            names = bundle.Entry.Select(e => e.Resource).OfType<Organization>().Where(o => o.Id is not null)
                .ToDictionary(o => o.Id!, o => string.IsNullOrWhiteSpace(o.Name) ? o.Id! : o.Name, StringComparer.Ordinal);
        }

        return names;
    }

    /// <summary>The organisation's name, or its id when the directory does not know it.</summary>
    public async Task<string> NameOfAsync(string? organizationId, CancellationToken cancellationToken)
    {
        if (organizationId is null)
        {
            return string.Empty;
        }

        return (await OrganizationsAsync(cancellationToken)).TryGetValue(organizationId, out var name) ? name : organizationId;
    }

    /// <summary>The organisation's name for the page header; its id when the directory cannot be read just now.</summary>
    public async Task<string> DisplayNameAsync(string organizationId, CancellationToken cancellationToken)
    {
        try
        {
            return await NameOfAsync(organizationId, cancellationToken);
        }
        catch (HubApiException)
        {
            return organizationId;
        }
    }

    /// <summary>Active services matching every criterion given (codes only: nothing personal leaves in the query).</summary>
    public async Task<IReadOnlyList<DirectoryService>> SearchAsync(string? service, string? country, string? language, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("active", "true") };
        AddIfPresent(parameters, "service-category", service);
        AddIfPresent(parameters, "country", country);
        AddIfPresent(parameters, "language", language);
        var bundle = await api.SearchAsync("HealthcareService", parameters, Largest, cancellationToken);
        return [.. bundle.Entry.Select(e => e.Resource).OfType<HealthcareService>().Select(DirectoryService.From)];
    }

    private static void AddIfPresent(List<KeyValuePair<string, string>> parameters, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parameters.Add(new(name, value));
        }
    }
}
