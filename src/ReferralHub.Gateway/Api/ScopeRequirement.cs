using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Api;

/// <summary>For routes of a fixed type and interaction (the operators' channels): the scope check of <see cref="FhirCaller.Require(string, char)"/> as a filter.</summary>
public static class ScopeRequirement
{
    /// <summary>The handler runs only when the caller's token permits <paramref name="interaction"/> on the type; otherwise 403.</summary>
    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder route, string resourceType, char interaction) =>
        route.AddEndpointFilter((context, next) =>
        {
            ((FhirCaller)context.HttpContext.Items[typeof(FhirCaller)]!).Require(resourceType, interaction);
            return next(context);
        });
}
