using System.Globalization;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;
using static OpenIddict.Validation.OpenIddictValidationHandlers.Protection;

namespace ReferralHub.ServiceDefaults.Authentication;

/// <summary>
/// Part of the token validation every service does: OpenIddict checks a token's expiry itself but not its
/// <c>nbf</c> (not before), so a token that is not valid yet is refused here as <c>invalid_token</c> (401), with the
/// same clock skew the expiry check allows.
/// </summary>
internal sealed class RejectTokensNotYetValid(TimeProvider clock) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } = OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<RejectTokensNotYetValid>()
        .SetOrder(ValidateExpirationDate.Descriptor.Order + 500)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var notBefore = context.Principal?.GetClaim(Claims.NotBefore);
        if (notBefore is not null && !(ValidFrom(notBefore) - context.TokenValidationParameters.ClockSkew <= clock.GetUtcNow()))
        {
            context.Reject(Errors.InvalidToken, "The access token is not valid yet.");
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The instant an <c>nbf</c> names; never, when it names none.</summary>
    private static DateTimeOffset ValidFrom(string notBefore) =>
        long.TryParse(notBefore, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
        && seconds >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MaxValue;
}
