namespace ReferralHub.Identity.Clients;

/// <summary>Hub-specific properties stored on an OpenIddict application.</summary>
public static class ClientProperties
{
    /// <summary>The organisation the client acts for.</summary>
    public const string Organization = "organization";
}
