using Microsoft.Playwright;
using ReferralHub.Web.Tests.Infrastructure;

namespace ReferralHub.Web.Tests.Security;

/// <summary>
/// The web application follows the roles matrix the API enforces (SECURITY.md, "Roles"): it offers a person only the
/// actions her roles grant and answers 403 for the others, but never hides a survivor's withdrawal or disclosure log.
/// </summary>
public sealed class RolesMatrixPageTests(WebHubFixture hub, Browser browser) : IClassFixture<WebHubFixture>, IClassFixture<Browser>
{
    [Fact]
    public async Task A_supervisor_is_offered_and_allowed_only_what_her_role_grants_and_still_withdraws_a_consent()
    {
        var family = $"Supervised-{Guid.NewGuid():N}"[..18];
        using var agencies = new AgencyActivity(hub.Origin);
        var patientId = await agencies.RegisterSurvivorAsync("ngo-ng-lagos", "gov-ng-agency", family);
        var page = await browser.NewSessionAsync(hub.Origin);
        await SignIn.AsAsync(page, DemoPeople.LagosSupervisor);

        await page.GotoAsync("/app/survivors");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Person {family}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Register a survivor" })).ToHaveCountAsync(0);

        await page.GotoAsync($"/app/survivors/{patientId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Record consent" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Find a service and refer" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Consent receipt" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#disclosures-heading")).ToBeVisibleAsync();

        foreach (var path in new[] { "/app/survivors/register", $"/app/survivors/{patientId}/consent", $"/app/survivors/{patientId}/refer" })
        {
            var refused = await page.GotoAsync(path);
            Assert.Equal(403, refused?.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not part of your role", Level = 1 })).ToBeVisibleAsync();
        }

        await page.GotoAsync($"/app/survivors/{patientId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Withdraw consent" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, withdraw consent" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The consent is withdrawn");
    }
}
