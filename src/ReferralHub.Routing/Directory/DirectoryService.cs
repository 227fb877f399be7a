namespace ReferralHub.Routing.Directory;

/// <summary>Routing's copy of one directory service (a HealthcareService), as the Gateway last announced it.</summary>
public sealed class DirectoryService
{
    public required string HealthcareServiceId { get; set; }

    public required string OrganizationId { get; set; }

    public bool Active { get; set; }

    /// <summary>Reintegration-service codes, space-separated.</summary>
    public required string ServiceCodes { get; set; }

    public required string Country { get; set; }

    public string? Region { get; set; }

    /// <summary>BCP 47 codes, space-separated.</summary>
    public required string Languages { get; set; }

    public required string Capacity { get; set; }

    public long Version { get; set; }

    public DateTime UpdatedAt { get; set; }

    public bool Offers(string serviceCode) => Split(ServiceCodes).Contains(serviceCode, StringComparer.Ordinal);

    public bool Speaks(string language) => Split(Languages).Any(spoken => LanguageMatches(spoken, language));

    /// <summary>"en" serves a survivor who speaks "en-NG" and the other way round: the primary subtags decide.</summary>
    private static bool LanguageMatches(string spoken, string wanted) =>
        string.Equals(Primary(spoken), Primary(wanted), StringComparison.OrdinalIgnoreCase);

    private static string Primary(string tag) => tag.Split('-')[0];

    private static string[] Split(string list) => list.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
