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

        Assert.NotEmpty(record.CheckedPages);
    }

    [Fact]
    public async Task No_main_page_of_the_journey_has_a_serious_or_critical_accessibility_violation()
    {
        var record = await fixture.Journey;

        Assert.True(record.Violations.Count == 0, "axe-core found:\n" + string.Join("\n", record.Violations));
        Assert.True(record.CheckedPages.Count >= 12, $"Only {record.CheckedPages.Count} pages were checked.");
    }
}
