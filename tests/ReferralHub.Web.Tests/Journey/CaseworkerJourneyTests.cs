namespace ReferralHub.Web.Tests.Journey;

/// <summary>
/// The whole journey through the pages (issue 6): the shelter's caseworker registers a survivor, records consent and
/// refers; ngo-ng-edo's caseworker sees only the consented fields and accepts; the shelter sees "accepted" and the
/// disclosure log; consent is withdrawn and the recipient's page no longer shows the data.
/// </summary>
public sealed class CaseworkerJourneyTests(JourneyFixture fixture) : IClassFixture<JourneyFixture>
{
    [Fact]
    public async Task A_survivor_is_referred_accepted_and_withdrawn_entirely_through_the_pages_with_only_consented_data_shown()
    {
        var record = await fixture.Journey;

        Assert.NotEmpty(record.Accessibility.CheckedPages);
    }

    [Fact]
    public async Task No_main_page_of_the_journey_has_a_serious_or_critical_accessibility_violation()
    {
        var accessibility = (await fixture.Journey).Accessibility;

        Assert.True(accessibility.Violations.Count == 0, "axe-core found:\n" + string.Join("\n", accessibility.Violations));
        Assert.True(accessibility.CheckedPages.Count >= 14, $"Only {accessibility.CheckedPages.Count} pages were checked.");
    }

    [Fact]
    public async Task No_url_of_the_journey_carries_the_survivors_name_or_phone_number()
    {
        var record = await fixture.Journey;

        Assert.NotEmpty(record.Urls);
        Assert.NotEmpty(record.PersonalData);
        Assert.DoesNotContain(record.Urls, url => record.PersonalData.Any(value =>
            Uri.UnescapeDataString(url.Replace('+', ' ')).Contains(value, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task No_log_line_of_the_hub_carries_the_survivors_name_or_phone_number()
    {
        var record = await fixture.Journey;

        Assert.NotEmpty(fixture.Hub.Logs.Lines);
        var leaks = fixture.Hub.Logs.Lines.Where(line => record.PersonalData.Any(value => line.Contains(value, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, "Personal data in the logs:\n" + string.Join("\n", leaks.Take(5)));
    }

    [Fact]
    public async Task Every_page_is_served_with_a_strict_content_security_policy_and_is_not_cached()
    {
        var record = await fixture.Journey;

        Assert.NotEmpty(record.Pages);
        Assert.All(record.Pages, page =>
        {
            var policy = page.Headers["content-security-policy"];
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", page.Headers["x-content-type-options"]);
            Assert.Equal("no-referrer", page.Headers["referrer-policy"]);
            Assert.Equal("no-store", page.Headers["cache-control"]);
        });
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_same_site_lax_and_limited_to_the_application()
    {
        var record = await fixture.Journey;

        var session = record.SessionCookies.Where(c => c.Name.StartsWith("referralhub-web", StringComparison.Ordinal) && c.Name != "referralhub-web-language").ToList();
        Assert.NotEmpty(session);
        Assert.All(session, cookie =>
        {
            Assert.True(cookie.HttpOnly);
            Assert.Equal(Microsoft.Playwright.SameSiteAttribute.Lax, cookie.SameSite);
            Assert.Equal("/app", cookie.Path);
        });
    }
}
