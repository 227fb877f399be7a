using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ReferralHub.Messaging.Bus;

namespace ReferralHub.Messaging.Tests;

public sealed class BusTests
{
    [Fact]
    public async Task The_hubs_bus_reports_nothing_about_its_host_to_the_MassTransit_vendor()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddHubBus();
        await using var services = builder.Services.BuildServiceProvider();

        Assert.False(services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }
}
