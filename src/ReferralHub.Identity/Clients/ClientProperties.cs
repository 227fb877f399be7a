namespace ReferralHub.Identity.Clients;

/// <summary>Hub-specific properties stored on an OpenIddict application.</summary>
public static class ClientProperties
{
    /// <summary>The organisation the client acts for.</summary>
    public const string Organization = "organization";

    /// <summary>The roles the client holds (<see cref="ReferralHub.ServiceDefaults.Authentication.HubRoles"/>), a JSON array; absent: none.</summary>
    public const string Roles = "roles";
}
