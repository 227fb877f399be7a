namespace ReferralHub.Contracts.Messages;

/// <summary>
/// Event (Identity → every service that validates access tokens): these access tokens were revoked before they
/// expired — by their client at <c>/connect/revoke</c>, or with the session a person signed out of. A service refuses
/// each until its <see cref="RevokedToken.ExpiresAt"/>, after which the token is refused as expired anyway.
/// </summary>
public sealed record AccessTokensRevoked(IReadOnlyList<RevokedToken> Tokens, DateTimeOffset At);

/// <summary>An access token by the id of its entry at Identity (its <c>oi_tkn_id</c> claim), and when it expires.</summary>
public sealed record RevokedToken(string TokenId, DateTimeOffset ExpiresAt);

/// <summary>
/// Request (Gateway → Identity): the public keys registered for the organisation's API clients (their
/// <c>private_key_jwt</c> key sets), with which the Gateway verifies messages the organisation signed. Changes nothing.
/// </summary>
public sealed record DescribeOrganizationKeys(string OrganizationId);

/// <summary>Identity's answer: every public key of the organisation's clients that has a key id.</summary>
public sealed record OrganizationKeys(IReadOnlyList<RegisteredKey> Keys);

/// <summary>
/// A registered public key as a JSON Web Key's public members: <c>kty</c> <c>EC</c> with <c>crv</c>, <c>x</c>, <c>y</c>, or
/// <c>RSA</c> with <c>n</c>, <c>e</c>; <c>alg</c> when the registration names one.
/// </summary>
public sealed record RegisteredKey(string Kid, string Kty, string? Alg, string? Crv, string? X, string? Y, string? N, string? E);
