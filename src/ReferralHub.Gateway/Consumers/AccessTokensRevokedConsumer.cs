using ReferralHub.Gateway.Storage;
using ReferralHub.ServiceDefaults.Authentication.Revocation;

namespace ReferralHub.Gateway.Consumers;

/// <summary>The Gateway's revocation list: access tokens Identity revoked, refused by its API until they expire.</summary>
public sealed class AccessTokensRevokedConsumer(GatewayDbContext db, RevokedAccessTokens revoked) : AccessTokenRevocationConsumer<GatewayDbContext>(db, revoked);
