using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.Hosting;

namespace ReferralHub.Web.Security;

/// <summary>
/// People sign in through the Identity service (OpenID Connect authorization code with PKCE); the session is an
/// HttpOnly cookie that lapses after <see cref="WebOptions.IdleTimeout"/> without a request and holds the person's
/// tokens, so that every call to the FHIR API acts as them, for their organisation.
/// </summary>
public static class WebAuthentication
{
    public const string CookieScheme = "referralhub-web";

    public const string OidcScheme = "referralhub-web-oidc";

    public const string Policy = "referralhub-web-user";

    public const string AccessTokenName = "access_token";

    public static readonly IReadOnlyList<string> Scopes = ["openid", "profile", "user/*.cruds"];

    public static WebApplicationBuilder AddWebAuthentication(this WebApplicationBuilder builder, WebOptions options)
    {
        var environment = builder.Environment;
        var authority = IdentityAuthority.Configured(builder.Configuration) ?? new Uri(options.PublicOrigin.GetLeftPart(UriPartial.Authority) + "/");
        var secret = options.ClientSecret
            ?? (environment.IsDevelopment() ? WebOptions.DevelopmentClientSecret : throw new InvalidOperationException($"{WebOptions.Section}:ClientSecret is required outside Development."));
        var securePolicy = WebCookies.SecurePolicy(environment);
        builder.Services.AddSingleton(new IdentityOrigin(authority));
        builder.Services.AddAuthentication()
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "referralhub-web";
                cookie.Cookie.Path = WebApplicationSetup.PathBase;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = securePolicy;
                cookie.ExpireTimeSpan = options.IdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.ForwardChallenge = OidcScheme;
                cookie.Events.OnValidatePrincipal = AccessTokenExpiry.RejectExpiredAsync;
            })
            .AddOpenIdConnect(OidcScheme, oidc =>
            {
                oidc.SignInScheme = CookieScheme;
                oidc.Authority = authority.AbsoluteUri;
                oidc.RequireHttpsMetadata = IdentityAuthority.RequireHttps(builder.Configuration, environment);
                oidc.ClientId = WebOptions.ClientId;
                oidc.ClientSecret = secret;
                oidc.ResponseType = "code";
                oidc.ResponseMode = "query";
                oidc.UsePkce = true;
                oidc.SaveTokens = true;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.CallbackPath = $"{WebApplicationSetup.PathBase}/signin-oidc";
                oidc.SignedOutCallbackPath = $"{WebApplicationSetup.PathBase}/signout-callback-oidc";
                oidc.SignedOutRedirectUri = $"{WebApplicationSetup.PathBase}/signed-out";
                oidc.Scope.Clear();
                foreach (var scope in Scopes)
                {
                    oidc.Scope.Add(scope);
                }

                oidc.TokenValidationParameters.NameClaimType = PersonClaims.Name;
                oidc.TokenValidationParameters.RoleClaimType = PersonClaims.Role;
                oidc.CorrelationCookie.SecurePolicy = securePolicy;
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SecurePolicy = securePolicy;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.Events.OnRedirectToIdentityProvider = context =>
                {
                    // The sign-in page speaks the language the person chose here, when they chose one.
                    var chosen = context.Request.Cookies[Localization.WebLocalization.CookieName] is { } cookie
                        ? Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.ParseCookieValue(cookie)?.UICultures.FirstOrDefault().Value
                        : null;
                    if (Localization.WebCultures.Match(chosen) is { } language)
                    {
                        context.ProtocolMessage.UiLocales = language;
                    }

                    return Task.CompletedTask;
                };
                oidc.Events.OnRedirectToIdentityProviderForSignOut = EndSessionFormPost.WriteAsync;
            });
        builder.Services.AddAuthorization(authorization => authorization.AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(CookieScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(PersonClaims.Organization)));
        return builder;
    }
}
