namespace ReferralHub.ServiceDefaults.Authentication;

/// <summary>Roles a client can hold, carried in its access tokens as <see cref="HubClaims.Role"/> claims.</summary>
public static class HubRoles
{
    /// <summary>Runs the hub: manages the directory (organisations, their services and channels) and sees dead letters.</summary>
    public const string Operator = "operator";
}
