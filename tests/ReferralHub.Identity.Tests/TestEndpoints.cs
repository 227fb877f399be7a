using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Identity.Tests;

/// <summary>A protected endpoint and the SMART discovery document, as a hub API service maps them.</summary>
internal static class TestEndpoints
{
    public const string WhoAmI = "test/whoami";

    public static void Map(WebApplication app)
    {
        app.MapGet(WhoAmI, (ClaimsPrincipal user) => Results.Json(new
        {
            organization = user.GetOrganizationId(),
            mayReadTasks = SmartScopes.Permits(user, "Task", 'r'),
            mayDeleteTasks = SmartScopes.Permits(user, "Task", 'd'),
            isOperator = user.HasRole(HubRoles.Operator),
        })).RequireAuthorization();
        app.MapSmartConfiguration();
    }

    public static async Task<HttpResponseMessage> WhoAmIAsync(HttpClient http, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, WhoAmI);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await http.SendAsync(request);
    }
}

/// <summary>A hub service without the Identity service: it must validate tokens against a remote authority.</summary>
internal sealed class ProtectedApiService : IHubService
{
    public string Name => "protected-api";

    public void AddServices(WebApplicationBuilder builder)
    {
    }

    public void MapEndpoints(WebApplication app) => TestEndpoints.Map(app);
}
