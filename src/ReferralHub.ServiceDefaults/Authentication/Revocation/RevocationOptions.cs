namespace ReferralHub.ServiceDefaults.Authentication.Revocation;

/// <summary>Bound from <c>ReferralHub:Revocation</c>.</summary>
public sealed class RevocationOptions
{
    public const string Section = "ReferralHub:Revocation";

    /// <summary>
    /// How often each instance re-reads its service's revocation list: how late, at most, an instance other than the
    /// one that received an announcement refuses the token.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}
