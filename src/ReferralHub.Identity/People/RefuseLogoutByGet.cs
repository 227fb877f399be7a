using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server;
using static OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlers;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ReferralHub.Identity.People;

/// <summary>
/// <c>GET /connect/logout</c> answers 405 before OpenIddict reads it: a logout by GET is a cross-site request forgery
/// target (an image tag on any page would sign people out and revoke their tokens). Logout is a POST, as the web
/// application's sign-out form sends it.
/// </summary>
internal sealed class RefuseLogoutByGet : IOpenIddictServerHandler<ExtractEndSessionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractEndSessionRequestContext>()
        .UseSingletonHandler<RefuseLogoutByGet>()
        .SetOrder(ExtractGetOrPostRequest<ExtractEndSessionRequestContext>.Descriptor.Order - 1_000)
        .Build();

    public ValueTask HandleAsync(ExtractEndSessionRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Transaction.GetHttpRequest() ?? throw new InvalidOperationException("The end-session request has no HTTP request.");
        if (!HttpMethods.IsPost(request.Method))
        {
            request.HttpContext.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            request.HttpContext.Response.Headers.Allow = HttpMethods.Post;
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            context.HandleRequest();
        }

        return ValueTask.CompletedTask;
    }
}
