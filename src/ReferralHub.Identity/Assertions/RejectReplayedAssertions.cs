using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using ReferralHub.Identity.Storage;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ReferralHub.Identity.Assertions;

/// <summary>
/// SMART Backend Services: an assertion carries a unique <c>jti</c>, expires within five minutes, and is refused if its
/// <c>jti</c> was already seen for that client. OpenIddict checks signature, issuer, subject, audience and expiry, but
/// not reuse: each accepted assertion is recorded (the primary key settles concurrent replays) until it expires,
/// in a database context of its own so that a refused insert never lingers in the one OpenIddict's stores use.
/// </summary>
internal sealed class RejectReplayedAssertions(IServiceScopeFactory scopes, TimeProvider clock) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    /// <summary>The longest lifetime SMART allows an assertion, plus a minute for clocks that disagree.</summary>
    private static readonly TimeSpan MaximumLifetime = TimeSpan.FromMinutes(6);

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
        .AddFilter<OpenIddictServerHandlerFilters.RequireClientAssertionPrincipal>()
        .UseSingletonHandler<RejectReplayedAssertions>()
        .SetOrder(OpenIddictServerHandlers.ValidateClientId.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        var assertion = context.ClientAssertionPrincipal!;
        var jti = assertion.GetClaim(Claims.JwtId);
        if (string.IsNullOrEmpty(jti))
        {
            context.Reject(Errors.InvalidClient, "The client assertion must carry a 'jti' claim.");
            return;
        }

        var expiresAt = long.TryParse(assertion.GetClaim(Claims.ExpiresAt), NumberStyles.Integer, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : (DateTimeOffset?)null;
        if (expiresAt is null || expiresAt > clock.GetUtcNow() + MaximumLifetime)
        {
            context.Reject(Errors.InvalidClient, "The client assertion must expire within five minutes.");
            return;
        }

        // OpenIddict has resolved and checked the client id (from the assertion's issuer) before this handler.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        db.SpentClientAssertions.Add(new SpentClientAssertion { Id = Key(context.ClientId!, jti), ExpiresAt = expiresAt.Value.UtcDateTime });
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException)
        {
            context.Reject(Errors.InvalidClient, "The client assertion was already used.");
        }
    }

    private static string Key(string clientId, string jti) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientId + "\n" + jti)));
}
