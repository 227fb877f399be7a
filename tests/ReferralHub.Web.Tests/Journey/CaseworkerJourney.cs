using Microsoft.Playwright;
using ReferralHub.Web.Tests.Infrastructure;

namespace ReferralHub.Web.Tests.Journey;

/// <summary>
/// The caseworkers' journey, page by page, as people click through it: each main page is pictured for the README and
/// checked with axe-core. All data is fictional; the phone number and full date of birth are what the consent withholds.
/// </summary>
public sealed class CaseworkerJourney(Uri origin, Browser browser)
{
    private static readonly TimeSpan BackgroundWork = TimeSpan.FromSeconds(60);

    private readonly JourneyRecord record = new();
    private readonly string tag = Guid.NewGuid().ToString("N")[..6];

    private string FamilyName => $"Okoro-{tag}";

    private string Phone => $"+39 06 5550 {tag}";

    public async Task<JourneyRecord> RunAsync()
    {
        using var agencies = new AgencyActivity(origin);
        await agencies.SendReferralsAsync();
        var shelter = await browser.NewSessionAsync(origin);
        var edo = await browser.NewSessionAsync(origin, width: 360, height: 780);
        record.PersonalData = [FamilyName, Phone];
        record.Watch(shelter);
        record.Watch(edo);

        await SignIn.AsAsync(shelter, DemoPeople.ShelterCaseworker, page => PictureAsync(page, "01-sign-in"));
        await PictureAsync(shelter, "02-home");
        var survivorPage = await RegisterSurvivorAsync(shelter);
        await RecordConsentAsync(shelter);
        await ReferAsync(shelter);

        await SignIn.AsAsync(edo, DemoPeople.EdoCaseworker);
        await AcceptOnlyWhatWasSharedAsync(edo);
        await FindNothingAtTheSheltersAddressesAsync(edo, survivorPage);

        await SeeAcceptedAndDisclosureLogAsync(shelter, survivorPage);
        await WithdrawConsentAsync(shelter);
        await SeeDataGoneAsync(edo);

        await agencies.AcceptAllAsync();
        await shelter.GotoAsync("/app/dashboard");
        await Assertions.Expect(shelter.Locator("table").First).ToContainTextAsync("Vocational training");
        await PictureAsync(shelter, "15-dashboard");
        record.SessionCookies = await shelter.Context.CookiesAsync();
        await SignOutEverywhereAsync(shelter);
        await SeeItalianForTheItalianSupervisorAsync();
        return record;
    }

    private async Task<string> RegisterSurvivorAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Survivors", Exact = true }).First.ClickAsync();
        await PictureAsync(page, "03-survivors");
        await page.GetByRole(AriaRole.Link, new() { Name = "Register a survivor" }).ClickAsync();
        await page.GetByLabel("Given name").FillAsync("Joy");
        await page.GetByLabel("Family name").FillAsync(FamilyName);
        await page.GetByLabel("Date of birth").FillAsync("2001-04-17");
        await page.GetByLabel("Gender").SelectOptionAsync("female");
        await page.Locator("#language-bin").CheckAsync();
        await page.Locator("#language-en").CheckAsync();
        await page.GetByLabel("Phone number (optional)").FillAsync(Phone);
        await PictureAsync(page, "04-register");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Joy {FamilyName}", Level = 1 })).ToBeVisibleAsync();
        return new Uri(page.Url).AbsolutePath;
    }

    private async Task RecordConsentAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Record consent" }).ClickAsync();
        await page.GetByLabel("Who may receive the data").SelectOptionAsync("ngo-ng-edo");
        await page.Locator("#purpose-reintegration-assistance").CheckAsync();
        await page.Locator("#class-name").CheckAsync();
        await page.Locator("#class-birth-year").CheckAsync();
        await page.Locator("#class-language").CheckAsync();
        await PictureAsync(page, "05-consent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record consent" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("consent is recorded");
        var receipt = await page.Context.NewPageAsync();
        var answer = await receipt.GotoAsync(await page.GetByRole(AriaRole.Link, new() { Name = "Consent receipt" }).GetAttributeAsync("href") ?? "/app");
        Assert.Equal(200, answer?.Status);
        await Assertions.Expect(receipt.Locator("body")).ToContainTextAsync("Edo Reintegration Initiative");
        await receipt.CloseAsync();
    }

    private async Task ReferAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Find a service and refer" }).ClickAsync();
        await page.Locator("#service").SelectOptionAsync("vocational-training");
        await page.Locator("#country").SelectOptionAsync("NG");
        await page.Locator("#language").SelectOptionAsync("bin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var edoCard = page.Locator("li.card", new() { HasText = "Edo Reintegration Initiative" });
        await Assertions.Expect(edoCard).ToContainTextAsync("Taking referrals");
        await PictureAsync(page, "06-find-service-and-refer");
        await edoCard.GetByRole(AriaRole.Button, new() { Name = "Send referral to Edo Reintegration Initiative (demo NGO)" }).ClickAsync();
        await page.WaitForURLAsync("**/app/referrals");
        var row = page.Locator("tr", new() { HasText = FamilyName });
        await Assertions.Expect(row).ToContainTextAsync("Vocational training");
        await PictureAsync(page, "07-referrals-sent");
    }

    private async Task AcceptOnlyWhatWasSharedAsync(IPage page)
    {
        await page.GotoAsync("/app/inbox");
        var row = page.Locator("tr", new() { HasText = FamilyName });
        await PageWaits.ReloadUntilVisibleAsync(page, row, BackgroundWork);
        await PictureAsync(page, "08-inbox");
        await row.GetByRole(AriaRole.Link).ClickAsync();

        var shared = page.Locator("dl.shared-facts");
        await Assertions.Expect(shared).ToContainTextAsync($"Joy {FamilyName}");
        await Assertions.Expect(shared).ToContainTextAsync("2001");
        await Assertions.Expect(shared).ToContainTextAsync("English, Edo (Bini)");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(Phone);
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("4/17/2001");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("2001-04-17");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Female");
        await Assertions.Expect(shared.Locator("dd.not-shared")).ToHaveCountAsync(5);
        await PictureAsync(page, "09-referral-received");

        await page.GetByRole(AriaRole.Button, new() { Name = "Accept the referral" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You accepted the referral");
        await Assertions.Expect(page.Locator("main dl.facts").First).ToContainTextAsync("Accepted");

        await page.GetByLabel("Where the service stands").SelectOptionAsync("contacted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save progress" }).ClickAsync();
        await Assertions.Expect(page.Locator("main dl.facts").First).ToContainTextAsync("Person contacted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan the follow-up" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The follow-up is planned");
        await Assertions.Expect(page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Follow-ups" }) })).ToContainTextAsync("Planned");
        await PictureAsync(page, "10-referral-accepted-with-follow-up");
    }

    /// <summary>The shelter's own record of the survivor is not the recipient's to see: the page says "not found".</summary>
    private static async Task FindNothingAtTheSheltersAddressesAsync(IPage page, string survivorPage)
    {
        var referralPage = page.Url;
        var answer = await page.GotoAsync(survivorPage);
        Assert.Equal(404, answer?.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync(referralPage);
    }

    private async Task SeeAcceptedAndDisclosureLogAsync(IPage page, string survivorPage)
    {
        await page.GotoAsync("/app/referrals");
        await PageWaits.ReloadUntilVisibleAsync(page, page.Locator("tr", new() { HasText = FamilyName }).GetByText("Accepted"), BackgroundWork);
        await PictureAsync(page, "11-referrals-accepted");

        await page.GotoAsync(survivorPage);
        var log = page.Locator("table.disclosure-log");
        await Assertions.Expect(log).ToContainTextAsync("Edo Reintegration Initiative (demo NGO)");
        await Assertions.Expect(log).ToContainTextAsync("Year of birth only");
        await Assertions.Expect(log).Not.ToContainTextAsync("Contact details");
        await PictureAsync(page, "12-survivor-and-disclosure-log");
    }

    private async Task WithdrawConsentAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Withdraw consent" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Withdraw consent", Level = 1 })).ToBeVisibleAsync();
        await PictureAsync(page, "13-withdraw-confirmation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, withdraw consent" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The consent is withdrawn");
        await Assertions.Expect(page.Locator(".badge", new() { HasText = "Withdrawn" })).ToBeVisibleAsync();
    }

    private async Task SeeDataGoneAsync(IPage page)
    {
        await PageWaits.ReloadUntilVisibleAsync(page, page.GetByRole(AriaRole.Heading, new() { Name = "Consent withdrawn" }), BackgroundWork);
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(FamilyName);
        await PictureAsync(page, "14-referral-after-withdrawal");
    }

    /// <summary>Signing out ends the session here and at the Identity service: the next visit asks for the password again.</summary>
    private static async Task SignOutEverywhereAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are signed out", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync("/app");
        await page.WaitForURLAsync("**/account/login**");
    }

    /// <summary>The supervisor's locale is Italian: the pages speak Italian to her, with Italian dates.</summary>
    private async Task SeeItalianForTheItalianSupervisorAsync()
    {
        var supervisor = await browser.NewSessionAsync(origin);
        record.Watch(supervisor);
        await SignIn.AsAsync(supervisor, DemoPeople.ShelterSupervisor);
        await Assertions.Expect(supervisor.Locator("html")).ToHaveAttributeAsync("lang", "it");
        await Assertions.Expect(supervisor.GetByRole(AriaRole.Link, new() { Name = "Persone assistite", Exact = true }).First).ToBeVisibleAsync();
        await supervisor.GotoAsync("/app/referrals");
        await Assertions.Expect(supervisor.GetByRole(AriaRole.Heading, new() { Name = "Segnalazioni inviate", Level = 1 })).ToBeVisibleAsync();
        await PictureAsync(supervisor, "16-referrals-in-italian");

        await supervisor.GetByLabel("Lingua").SelectOptionAsync("fr");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Cambia lingua" }).ClickAsync();
        await Assertions.Expect(supervisor.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Assertions.Expect(supervisor.GetByRole(AriaRole.Heading, new() { Name = "Orientations envoyées", Level = 1 })).ToBeVisibleAsync();
    }

    private async Task PictureAsync(IPage page, string name)
    {
        await Screenshots.SaveAsync(page, name);
        await record.Accessibility.CheckAsync(page, name);
    }
}
