using Microsoft.Playwright;

namespace ReferralHub.Web.Tests.Infrastructure;

/// <summary>Saves a full-page picture of each main page to docs/screenshots (overwritten each run; the README shows them).</summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(RepositoryPaths.Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, $"{name}.png"), FullPage = true });
    }
}
