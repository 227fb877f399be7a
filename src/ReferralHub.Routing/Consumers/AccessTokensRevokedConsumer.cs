using ReferralHub.Routing.Storage;
using ReferralHub.ServiceDefaults.Authentication.Revocation;

namespace ReferralHub.Routing.Consumers;

/// <summary>The Routing's revocation list: access tokens Identity revoked, refused by its API until they expire.</summary>
public sealed class AccessTokensRevokedConsumer(RoutingDbContext db, RevokedAccessTokens revoked) : AccessTokenRevocationConsumer<RoutingDbContext>(db, revoked);
