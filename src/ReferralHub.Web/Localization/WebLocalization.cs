using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.Web.Localization;

/// <summary>
/// The request's language: the language switch's cookie when the person chose one here, else their <c>locale</c>
/// claim, else the browser's Accept-Language, else English.
/// </summary>
public static class WebLocalization
{
    public const string CookieName = "referralhub-web-language";

    public static IServiceCollection AddWebLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = WebCultures.Cultures();
            options.DefaultRequestCulture = new RequestCulture(WebCultures.Default);
            options.SupportedCultures = [.. cultures];
            options.SupportedUICultures = [.. cultures];
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CookieName },
                new LocaleClaimCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static IApplicationBuilder UseWebLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();
}
