using System.Net.Http.Headers;
using System.Text;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using Xunit.Sdk;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests;

/// <summary>
/// Issue 2, "Must show": no personal data in logs. The scenario and some bad input run with canary values in every
/// free-text element; every log message of the hub (Debug and up: message, structured values, scopes, exceptions) is
/// captured and searched for them.
/// </summary>
public sealed class LogPrivacyTests(HubServerFixture hub) : IClassFixture<HubServerFixture>
{
    [Fact]
    public async Task No_personal_data_of_the_scenario_or_of_refused_input_appears_in_the_logs()
    {
        var scenario = new ReferralScenario(hub);
        var scenarioFailure = await Record.ExceptionAsync(scenario.RunAsync);
        var canaries = new List<string>(scenario.Canaries.All);

        // Refused input is where a hub is most tempted to log what it got.
        var shelter = hub.ClientFor(Shelter);
        var malformed = BadBodies.NewCanary("LOG-MALFORMED");
        var invalidGender = BadBodies.NewCanary("LOG-GENDER");
        var plain = BadBodies.NewCanary("LOG-PLAIN");
        await PostAsync(shelter, BadBodies.Malformed(malformed), FhirJson.MediaType);
        await PostAsync(shelter, BadBodies.InvalidGender(invalidGender), FhirJson.MediaType);
        await PostAsync(shelter, BadBodies.Patient(plain), "text/plain");
        var refused = new ReferralBuilder { Performer = NgoLagos, ConsentRecipient = NgoEdo, ServiceCode = "education-reinsertion" };
        await shelter.SendAsync(HttpMethod.Post, shelter.FhirBase.ToString().TrimEnd('/'), FhirJson.Content(refused.Build()));
        canaries.AddRange([malformed, invalidGender, plain, .. refused.Canaries.Unique]);

        var entries = hub.Logs.Entries;
        Assert.True(hub.Logs.Total > 0, "the hub's log output was captured (otherwise this test proves nothing)");
        var leaks = new StringBuilder();
        foreach (var entry in entries)
        {
            var text = entry.Text;
            var found = canaries.Where(canary => text.Contains(canary, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (found.Length > 0)
            {
                var shown = text.Length > 600 ? text[..600] + "…" : text;
                leaks.AppendLine($"[{entry.Level}] {entry.Category}: contains {string.Join(", ", found)}\n    {shown.ReplaceLineEndings("\n    ")}");
            }
        }

        if (leaks.Length > 0)
        {
            throw new XunitException($"Personal data found in the {hub.Logs.Total} captured log entries ({entries.Count} distinct):\n{leaks}"
                + (scenarioFailure is null ? "" : $"\n(The scenario also failed: {scenarioFailure.Message})"));
        }

        if (scenarioFailure is not null)
        {
            throw new XunitException($"No canary in {hub.Logs.Total} log entries ({entries.Count} distinct), but the scenario did not complete ({scenario.CompletedSteps.Count}/6 steps), so not all of it was logged: {scenarioFailure.Message}");
        }
    }

    private static Task<HubResponse> PostAsync(HubClient client, string body, string mediaType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return client.SendAsync(HttpMethod.Post, "Patient", content);
    }
}
