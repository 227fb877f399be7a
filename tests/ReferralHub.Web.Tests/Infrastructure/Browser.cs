using Microsoft.Playwright;

namespace ReferralHub.Web.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright (its own browser download cannot work here), headless.</summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Instance => browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();

        // The hub shares two cores with the other test assemblies: assertions wait as long as actions do.
        Assertions.SetDefaultExpectTimeout(30_000);
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A separate session (cookies, storage) for one person, at a phone-to-laptop friendly size.</summary>
    public async Task<IPage> NewSessionAsync(Uri origin, int width = 1024, int height = 900)
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = origin.GetLeftPart(UriPartial.Authority),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
