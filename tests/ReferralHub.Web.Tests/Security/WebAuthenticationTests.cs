using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReferralHub.Web;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Tests.Security;

public sealed class WebAuthenticationTests
{
    [Fact]
    public void The_session_cookie_is_http_only_lax_under_app_and_lapses_after_twenty_idle_minutes()
    {
        using var services = Build([]);

        var cookie = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(WebAuthentication.CookieScheme);

        Assert.True(cookie.Cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, cookie.Cookie.SameSite);
        Assert.Equal("/app", cookie.Cookie.Path);
        Assert.Equal(TimeSpan.FromMinutes(20), cookie.ExpireTimeSpan);
        Assert.True(cookie.SlidingExpiration);
    }

    [Fact]
    public void Outside_development_the_cookies_are_secure_and_the_idle_timeout_is_configurable()
    {
        using var services = Build(["--environment", "Staging", "--ReferralHub:Web:IdleTimeout", "00:05:00", "--ReferralHub:Web:ClientSecret", "s3cret"]);

        var cookie = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(WebAuthentication.CookieScheme);

        Assert.Equal(CookieSecurePolicy.Always, cookie.Cookie.SecurePolicy);
        Assert.Equal(TimeSpan.FromMinutes(5), cookie.ExpireTimeSpan);
    }

    [Fact]
    public void Sign_in_is_the_authorization_code_flow_with_pkce_for_the_web_client()
    {
        using var services = Build([]);

        var oidc = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(WebAuthentication.OidcScheme);

        Assert.Equal("code", oidc.ResponseType);
        Assert.True(oidc.UsePkce);
        Assert.True(oidc.SaveTokens);
        Assert.Equal(WebOptions.ClientId, oidc.ClientId);
        Assert.Equal("/app/signin-oidc", oidc.CallbackPath);
        Assert.Equal(["openid", "profile", "user/*.cruds"], oidc.Scope);
    }

    [Fact]
    public void Outside_development_a_client_secret_is_required()
    {
        Assert.Throws<InvalidOperationException>(() => Build(["--environment", "Staging"]).Dispose());
    }

    private static ServiceProvider Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args.Length == 0 ? ["--environment", "Development"] : args);
        var options = builder.Configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        builder.AddWebAuthentication(options);
        return builder.Services.BuildServiceProvider();
    }
}
