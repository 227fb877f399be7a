using System.Text;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using Xunit.Sdk;

namespace ReferralHub.EndToEnd.Tests;

/// <summary>Issue 2, "Must show": every resource the hub returns in the scenario validates against base FHIR R4.</summary>
public sealed class FhirValidityTests(HubServerFixture hub) : IClassFixture<HubServerFixture>
{
    [Fact]
    public void The_referral_bundle_the_tests_send_is_valid_FHIR_R4()
    {
        // A self-check of the test data: if this fails, the end-to-end failures may be the tests' fault.
        var errors = FhirValidation.Errors(FhirValidation.Validate(new ReferralBuilder().Build()));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Every_resource_the_hub_returns_in_the_scenario_is_valid_FHIR_R4()
    {
        var scenario = new ReferralScenario(hub);
        var scenarioFailure = await Record.ExceptionAsync(scenario.RunAsync);

        var report = new StringBuilder();
        var validated = 0;
        foreach (var exchange in hub.Responses.Exchanges.Where(exchange => exchange.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true))
        {
            if (!exchange.Body.Contains("\"resourceType\"", StringComparison.Ordinal))
            {
                continue; // not FHIR (e.g. the token endpoint's JSON)
            }

            var (resource, problems) = FhirJson.ParseStrictly(exchange.Body);
            var errors = problems.Select(problem => $"parse: {problem}").ToList();
            if (resource is not null)
            {
                errors.AddRange(FhirValidation.Errors(FhirValidation.Validate(resource)));
            }

            validated++;
            if (errors.Count > 0)
            {
                report.AppendLine($"{exchange} ({resource?.TypeName ?? "unparsable"}):");
                foreach (var error in errors)
                {
                    report.AppendLine($"    {error}");
                }
            }
        }

        var covered = hub.Responses.Exchanges
            .Select(exchange => exchange.Body.Contains("\"resourceType\"", StringComparison.Ordinal) ? FhirJson.ParseStrictly(exchange.Body).Resource?.TypeName : null)
            .OfType<string>().Distinct().Order().ToArray();
        var summary = $"{validated} FHIR responses validated; resource types seen: {string.Join(", ", covered)}; scenario steps completed: {scenario.CompletedSteps.Count}/6.";
        if (report.Length > 0)
        {
            throw new XunitException($"Responses of the hub that are not valid FHIR R4 (errors/fatal only). {summary}\n{report}"
                + (scenarioFailure is null ? "" : $"\nThe scenario also failed: {scenarioFailure.Message}"));
        }

        if (scenarioFailure is not null)
        {
            throw new XunitException($"Every response seen was valid FHIR R4, but the scenario did not complete, so not every resource of it was checked. {summary}\n{scenarioFailure.Message}");
        }

        Assert.True(validated > 0, summary);
    }
}
