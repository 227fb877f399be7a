using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace ReferralHub.Web.Hosting;

/// <summary>The stylesheet and script, embedded in the assembly and served under <c>/app/assets</c>.</summary>
public static class WebAssets
{
    public static readonly PathString RequestPath = $"{WebApplicationSetup.PathBase}/assets";

    public static IApplicationBuilder UseWebAssets(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        RequestPath = RequestPath,
        FileProvider = new EmbeddedFileProvider(typeof(WebAssets).Assembly, "assets"),
        OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
    });
}
