using Microsoft.Playwright;

namespace ReferralHub.Web.Tests.Infrastructure;

/// <summary>
/// Waiting for what the hub does in the background (delivery, withdrawal): reload the page until a condition shows,
/// within a bound; no fixed sleeps.
/// </summary>
public static class PageWaits
{
    public static async Task ReloadUntilVisibleAsync(IPage page, ILocator locator, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(locator);
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                await locator.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 1_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                await page.ReloadAsync();
            }
        }
    }
}
