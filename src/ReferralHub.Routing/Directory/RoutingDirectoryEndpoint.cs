using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Routing.Storage;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.Routing.Directory;

/// <summary>
/// <c>GET /routing/directory</c> (operators only): the directory as Routing routes by it now — Routing's own copy,
/// which follows the Gateway's through messages, so operators (and tests) can see when a change has arrived.
/// </summary>
public static class RoutingDirectoryEndpoint
{
    public const string Path = "/routing/directory";

    public static IEndpointConventionBuilder MapRoutingDirectory(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ListAsync).RequireAuthorization();

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, RoutingDbContext db, CancellationToken cancellationToken)
    {
        if (!user.HasRole(HubRoles.Operator))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only hub operators may read Routing's directory.");
        }

        var services = await db.DirectoryServices.AsNoTracking().OrderBy(s => s.HealthcareServiceId).ToListAsync(cancellationToken);
        return Results.Json(services.Select(s => new
        {
            healthcareServiceId = s.HealthcareServiceId,
            organizationId = s.OrganizationId,
            active = s.Active,
            serviceCodes = s.ServiceCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            country = s.Country,
            region = s.Region,
            languages = s.Languages.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            capacity = s.Capacity,
            version = s.Version,
        }));
    }
}
