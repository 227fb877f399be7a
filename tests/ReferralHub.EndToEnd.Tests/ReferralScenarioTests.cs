using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests;

/// <summary>Issue 2, "Must show", the scenario: steps 1–6 in order against one embedded hub over real HTTP.</summary>
public sealed class ReferralScenarioTests(HubServerFixture hub) : IClassFixture<HubServerFixture>
{
    /// <summary>
    /// 1. shelter-it-roma posts the referral transaction; 2. ngo-ng-edo finds the Task and reads only the consented
    /// data under its own ids; 3. ngo-ng-lagos gets 404 on all of it; 4. ngo-ng-edo accepts with If-Match (412 stale,
    /// 422 backwards); 5. the shelter reads the disclosure in the audit log, which cannot be deleted; 6. the shelter
    /// withdraws the consent: ngo-ng-edo's reads answer 403 and the Task is cancelled.
    /// </summary>
    [Fact]
    public Task A_referral_reaches_only_the_consented_recipient_with_only_the_consented_data_until_consent_is_withdrawn() =>
        new ReferralScenario(hub).RunAsync();
}
