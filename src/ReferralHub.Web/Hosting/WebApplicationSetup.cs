using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Localization;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Hosting;

/// <summary>Composes the web application into a hub process (its own, or the embedded Server).</summary>
public static class WebApplicationSetup
{
    public const string PathBase = "/app";

    public static WebApplicationBuilder AddWebApplication(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, SecurityHeadersStartupFilter>();
        builder.Services.AddWebLocalization();
        builder.Services.AddTranslatedModelBindingMessages();
        builder.Services
            .AddRazorPages(pages =>
            {
                // Pages live in feature folders and each names its own route under /app.
                pages.RootDirectory = "/";
                pages.Conventions.AuthorizeFolder("/", WebAuthentication.Policy);
                pages.Conventions.AllowAnonymousToPage("/Home/SignedOut");
                pages.Conventions.AllowAnonymousToPage("/Home/Language");
            })
            .AddMvcOptions(mvc =>
            {
                mvc.Filters.Add<RolesMatrixFilter>();
                mvc.Filters.Add<HubApiErrorFilter>();
            })
            .ConfigureApplicationPartManager(AddOwnPages);
        builder.Services.Configure<CookieTempDataProviderOptions>(tempData =>
        {
            tempData.Cookie.Name = "referralhub-web-notice";
            tempData.Cookie.Path = PathBase;
            tempData.Cookie.SecurePolicy = WebCookies.SecurePolicy(builder.Environment);
        });
        builder.AddWebAuthentication(options);
        builder.Services.AddHubApi(options);
        return builder;
    }

    public static WebApplication MapWebApplication(this WebApplication app)
    {
        app.UseWhen(IsWebRequest, web =>
        {
            web.UseWebLocalization();
            web.UseWebAssets();
        });
        app.MapGet("/", () => Results.Redirect(PathBase)).ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Requests the web application answers: its pages under /app and the root that redirects there.</summary>
    public static bool IsWebRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments(PathBase) || context.Request.Path == "/";

    /// <summary>The pages are compiled into this assembly, which the host (the Server, a test) does not discover by itself.</summary>
    private static void AddOwnPages(ApplicationPartManager manager)
    {
        var assembly = typeof(WebApplicationSetup).Assembly;
        foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
        {
            if (!manager.ApplicationParts.Any(existing => existing.GetType() == part.GetType() && existing.Name == part.Name))
            {
                manager.ApplicationParts.Add(part);
            }
        }
    }
}
