using Microsoft.Playwright;

namespace ReferralHub.Web.Tests.Infrastructure;

/// <summary>Signs a person in the way they do: the web application sends them to the Identity service's page.</summary>
public static class SignIn
{
    /// <summary>Opens <c>/app</c>, lands on the sign-in page, optionally pictures it, signs in and waits for the start page.</summary>
    public static async Task AsAsync(IPage page, string userName, Func<IPage, Task>? onSignInPage = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/app");
        await page.WaitForURLAsync("**/account/login**");
        if (onSignInPage is not null)
        {
            await onSignInPage(page);
        }

        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(DemoPeople.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/app");
    }
}
