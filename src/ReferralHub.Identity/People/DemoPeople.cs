using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralHub.Identity.Storage;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Identity.People;

/// <summary>The demo people of the demo organisations (README), all with the password <see cref="Password"/>. Never in Production.</summary>
public sealed class DemoPeople(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment) : IHubInitializer
{
    public const string Password = "demo-password";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Organization, string Roles, string Locale)> People =
    [
        ("caseworker@shelter-it-roma", "Giulia Conti", "shelter-it-roma", HubRoles.Caseworker, "en"),
        ("supervisor@shelter-it-roma", "Marco Ferri", "shelter-it-roma", $"{HubRoles.Caseworker} {HubRoles.Supervisor}", "it"),
        ("caseworker@ngo-ng-edo", "Osaro Igbinedion", "ngo-ng-edo", HubRoles.Caseworker, "en"),
        ("admin@ngo-ng-edo", "Amina Bello", "ngo-ng-edo", $"{HubRoles.Caseworker} {HubRoles.Supervisor} {HubRoles.OrganizationAdministrator}", "fr"),
        ("caseworker@ngo-ng-lagos", "Tunde Adeyemi", "ngo-ng-lagos", HubRoles.Caseworker, "en"),
        ("supervisor@ngo-ng-lagos", "Ngozi Okafor", "ngo-ng-lagos", HubRoles.Supervisor, "en"),
    ];

    public int Order => 110;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!DemoData.IsEnabled(configuration, environment))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<HubUser>>();
        foreach (var (userName, displayName, organization, roles, locale) in People)
        {
            if (!await db.Users.AnyAsync(u => u.UserName == userName, cancellationToken))
            {
                var user = new HubUser
                {
                    Id = Guid.NewGuid().ToString(),
                    UserName = userName,
                    DisplayName = displayName,
                    OrganizationId = organization,
                    Roles = roles,
                    Locale = locale,
                    PasswordHash = string.Empty,
                };
                user.PasswordHash = hasher.HashPassword(user, Password);
                db.Users.Add(user);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
