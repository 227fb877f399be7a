namespace ReferralHub.Contracts.Messages;

/// <summary>
/// Event (Identity → every service that validates access tokens): these access tokens were revoked before they
/// expired — by their client at <c>/connect/revoke</c>, or with the session a person signed out of. A service refuses
/// each until its <see cref="RevokedToken.ExpiresAt"/>, after which the token is refused as expired anyway.
/// </summary>
public sealed record AccessTokensRevoked(IReadOnlyList<RevokedToken> Tokens, DateTimeOffset At);

/// <summary>An access token by the id of its entry at Identity (its <c>oi_tkn_id</c> claim), and when it expires.</summary>
public sealed record RevokedToken(string TokenId, DateTimeOffset ExpiresAt);
