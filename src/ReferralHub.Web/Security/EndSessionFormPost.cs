using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using ReferralHub.Web.Localization;

namespace ReferralHub.Web.Security;

/// <summary>
/// Signing out reaches the Identity service's end-session endpoint by a POST, the only way it accepts (a logout by
/// GET is a cross-site request forgery target): a page with the end-session request as a form, which the
/// application's script submits at once and which shows a button when scripts are off. The OpenID Connect handler's
/// own form page would need an inline script, which the Content-Security-Policy forbids.
/// </summary>
public static class EndSessionFormPost
{
    public static async Task WriteAsync(RedirectContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The handler protects the sign-out's properties into the state only after this event; its callback needs them.
        context.ProtocolMessage.State = context.Options.StateDataFormat.Protect(context.Properties);
        var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Text>>();
        var html = HtmlEncoder.Default;
        var fields = new StringBuilder();
        foreach (var (name, value) in context.ProtocolMessage.Parameters)
        {
            fields.Append(CultureInfo.InvariantCulture, $"""<input type="hidden" name="{html.Encode(name)}" value="{html.Encode(value)}">""");
        }

        var page = $"""
            <!DOCTYPE html>
            <html lang="{html.Encode(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{html.Encode(text["SigningOut.Title"])}</title>
            <link rel="stylesheet" href="/app/assets/site.css"><script src="/app/assets/app.js" defer></script></head>
            <body><main id="main">
            <h1>{html.Encode(text["SigningOut.Title"])}</h1>
            <form method="post" action="{html.Encode(context.ProtocolMessage.IssuerAddress)}" data-auto-submit>
            {fields}
            <p>{html.Encode(text["SigningOut.Message"])}</p>
            <button type="submit" class="button">{html.Encode(text["SigningOut.Continue"])}</button>
            </form>
            </main></body></html>
            """;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        await response.WriteAsync(page, context.HttpContext.RequestAborted);
        context.HandleResponse();
    }
}
