using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Localization;

/// <summary>The signed-in person's language: the <c>locale</c> claim the Identity service gives them.</summary>
public sealed class LocaleClaimCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var language = WebCultures.Match(httpContext.User.FindFirst(PersonClaims.Locale)?.Value);
        return Task.FromResult(language is null ? null : new ProviderCultureResult(language));
    }
}
