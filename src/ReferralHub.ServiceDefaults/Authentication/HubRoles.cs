namespace ReferralHub.ServiceDefaults.Authentication;

/// <summary>Roles a client or person can hold, carried in its access tokens as <see cref="HubClaims.Role"/> claims.</summary>
public static class HubRoles
{
    /// <summary>Runs the hub: manages the directory (organisations, their services and channels) and sees dead letters.</summary>
    public const string Operator = "operator";

    /// <summary>A person who refers survivors or works on referrals received, in the web application.</summary>
    public const string Caseworker = "caseworker";

    /// <summary>A caseworker who also oversees the organisation's referrals and its dashboard.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Administers the organisation's people in the web application.</summary>
    public const string OrganizationAdministrator = "org-admin";
}
