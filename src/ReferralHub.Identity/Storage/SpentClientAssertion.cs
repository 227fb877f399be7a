namespace ReferralHub.Identity.Storage;

/// <summary>
/// A client assertion already used to authenticate, kept until it expires so it cannot be presented again.
/// The key is a hash of the client id and the assertion's <c>jti</c>: fixed length, whatever the client chose.
/// </summary>
public sealed class SpentClientAssertion
{
    public required string Id { get; set; }

    public DateTime ExpiresAt { get; set; }
}
