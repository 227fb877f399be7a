using System.Security.Claims;

namespace ReferralHub.ServiceDefaults.Authentication;

/// <summary>
/// The one roles matrix for people (SECURITY.md, "Roles"): which roles grant each capability, and which capability
/// each interaction of the FHIR API needs. A person's <c>user/</c> scopes are honoured only within it; an API client's
/// <c>system/</c> scopes act for the organisation as they are. Least privilege, except that withdrawing a consent and
/// reading the disclosure log need no more than reading the survivor's record.
/// </summary>
public static class RolesMatrix
{
    public static readonly IReadOnlyDictionary<PersonCapability, IReadOnlyList<string>> Roles = new Dictionary<PersonCapability, IReadOnlyList<string>>
    {
        [PersonCapability.ReadDirectory] = [HubRoles.Caseworker, HubRoles.Supervisor, HubRoles.OrganizationAdministrator],
        [PersonCapability.ReadCases] = [HubRoles.Caseworker, HubRoles.Supervisor],
        [PersonCapability.RecordCases] = [HubRoles.Caseworker],
        [PersonCapability.WorkOnReferrals] = [HubRoles.Caseworker],
        [PersonCapability.WithdrawConsent] = [HubRoles.Caseworker, HubRoles.Supervisor],
        [PersonCapability.ReadDisclosureLog] = [HubRoles.Caseworker, HubRoles.Supervisor],
        [PersonCapability.EraseSurvivors] = [HubRoles.Supervisor],
    };

    /// <summary>The resource types of a survivor's case, which people read with <see cref="PersonCapability.ReadCases"/>.</summary>
    private static readonly IReadOnlySet<string> CaseTypes =
        new HashSet<string>(StringComparer.Ordinal) { "Patient", "Consent", "ServiceRequest", "Observation", "Task", "Communication", "Bundle" };

    /// <summary>Whether one of the person's roles grants the capability.</summary>
    public static bool Allows(ClaimsPrincipal person, PersonCapability capability)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.FindAll(HubClaims.Role).Any(role => Roles[capability].Contains(role.Value));
    }

    /// <summary>
    /// The capability a person needs for an interaction (c r u d s) on a resource type of the API; null when no person
    /// may do it (the operators' directory and channels). A PUT that withdraws a Consent needs
    /// <see cref="PersonCapability.WithdrawConsent"/> instead (the Gateway tells it from the body).
    /// </summary>
    public static PersonCapability? CapabilityFor(string resourceType, char interaction) => (resourceType, interaction) switch
    {
        ("Organization" or "HealthcareService", 'r' or 's') => PersonCapability.ReadDirectory,
        ("AuditEvent", 'r' or 's') => PersonCapability.ReadDisclosureLog,
        (_, 'r' or 's') when CaseTypes.Contains(resourceType) => PersonCapability.ReadCases,
        ("Patient" or "Consent" or "ServiceRequest" or "Observation", 'c' or 'u') => PersonCapability.RecordCases,
        ("Task" or "Communication" or "Bundle", 'c' or 'u') => PersonCapability.WorkOnReferrals,
        _ => null,
    };
}
