using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>Issue 3, "Must show": the referral scenario against the four services as four processes on PostgreSQL and RabbitMQ.</summary>
public sealed class DistributedScenarioTests(DistributedHubFixture fixture) : IClassFixture<DistributedHubFixture>
{
    [Fact]
    public async Task The_referral_scenario_passes_against_four_service_processes_on_PostgreSQL_and_RabbitMQ()
    {
        try
        {
            await new ReferralScenario(fixture.Hub).RunAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{ex.Message}\n{fixture.Hub.RecentOutput()}", ex);
        }
    }

    [Fact]
    public async Task Every_service_process_reports_itself_live_and_ready_with_its_database_and_broker()
    {
        foreach (var service in fixture.Hub.Services)
        {
            using var http = new HttpClient { BaseAddress = service.BaseAddress };
            using var live = await http.GetAsync("health/live");
            using var ready = await http.GetAsync("health/ready");
            Assert.True(live.IsSuccessStatusCode, $"{service.Service} /health/live answered {(int)live.StatusCode}");
            Assert.True(ready.IsSuccessStatusCode, $"{service.Service} /health/ready answered {(int)ready.StatusCode}");
        }
    }
}
