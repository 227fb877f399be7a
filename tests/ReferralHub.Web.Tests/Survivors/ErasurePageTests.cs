using Microsoft.Playwright;
using ReferralHub.Web.Tests.Infrastructure;

namespace ReferralHub.Web.Tests.Survivors;

/// <summary>
/// Issue 14: a supervisor erases a survivor in the web app, after choosing why and confirming that it cannot be undone;
/// a caseworker is not offered it and is refused it.
/// </summary>
public sealed class ErasurePageTests(WebHubFixture hub, Browser browser) : IClassFixture<WebHubFixture>, IClassFixture<Browser>
{
    [Fact]
    public async Task A_supervisor_erases_a_survivor_only_after_choosing_why_and_confirming()
    {
        var family = $"Erased-{Guid.NewGuid():N}"[..16];
        using var agencies = new AgencyActivity(hub.Origin);
        var patientId = await agencies.RegisterSurvivorAsync("ngo-ng-lagos", "gov-ng-agency", family);
        var page = await browser.NewSessionAsync(hub.Origin);
        await SignIn.AsAsync(page, DemoPeople.LagosSupervisor);

        await page.GotoAsync($"/app/survivors/{patientId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Erase this survivor" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Erase a survivor", Level = 1 })).ToBeVisibleAsync();

        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "Yes, erase her data" });
        await confirm.ClickAsync();
        await Assertions.Expect(page.GetByText("Choose why she is erased.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Confirm that you understand this cannot be undone.")).ToBeVisibleAsync();
        await page.GotoAsync("/app/survivors");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Person {family}" })).ToBeVisibleAsync();

        await page.GotoAsync($"/app/survivors/{patientId}/erase");
        await page.GetByLabel("She asked to be forgotten").CheckAsync();
        await page.GetByLabel("I understand that this cannot be undone.").CheckAsync();
        await confirm.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The survivor is erased");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Person {family}" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_caseworker_is_not_offered_erasure_and_is_refused_it()
    {
        var family = $"Kept-{Guid.NewGuid():N}"[..14];
        using var agencies = new AgencyActivity(hub.Origin);
        var patientId = await agencies.RegisterSurvivorAsync("shelter-it-roma", "ngo-ng-edo", family);
        var page = await browser.NewSessionAsync(hub.Origin);
        await SignIn.AsAsync(page, DemoPeople.ShelterCaseworker);

        await page.GotoAsync($"/app/survivors/{patientId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Erase this survivor" })).ToHaveCountAsync(0);
        var refused = await page.GotoAsync($"/app/survivors/{patientId}/erase");
        Assert.Equal(403, refused?.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not part of your role", Level = 1 })).ToBeVisibleAsync();
    }
}
