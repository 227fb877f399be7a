namespace ReferralHub.Identity.Keys;

/// <summary>
/// When the token server's signing key is replaced (<c>ReferralHub:Identity:SigningKeys</c>). Each key signs for one
/// period; it is published in the JWKS <see cref="PublishAhead"/> before it starts signing, so validators that cache the
/// JWKS know it before they meet it, and stays published <see cref="KeepAfterRetirement"/> after it stopped, so tokens
/// it signed keep validating until they expire.
/// </summary>
public sealed class SigningKeyOptions
{
    public const string Section = "ReferralHub:Identity:SigningKeys";

    public TimeSpan RotationPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Longer than the validators' JWKS refresh (12 hours for Microsoft.IdentityModel's default).</summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(2);

    /// <summary>At least the longest lifetime of a token the key signed (an access token lives 60 minutes at most).</summary>
    public TimeSpan KeepAfterRetirement { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Both overlaps fit inside one period, so at most three keys are published at any moment.</summary>
    public bool IsValid() =>
        RotationPeriod > TimeSpan.Zero && PublishAhead > TimeSpan.Zero && KeepAfterRetirement > TimeSpan.Zero
        && PublishAhead < RotationPeriod && KeepAfterRetirement < RotationPeriod;
}
