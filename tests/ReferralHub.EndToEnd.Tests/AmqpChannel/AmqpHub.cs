using System.Net.Http.Headers;
using System.Text;
using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.AmqpChannel;

/// <summary>
/// An embedded hub whose AMQP channel is on the real RabbitMQ, in a virtual host of its own that the hub creates;
/// the virtual host and the agencies' broker users are deleted afterwards.
/// </summary>
public sealed class AmqpHub : IAsyncLifetime
{
    public static readonly string[] Agencies = [HubServerFixture.NgoEdo, HubServerFixture.NgoLagos];

    private static readonly string VirtualHostName = $"rh-test-agencies-{Guid.NewGuid():N}";

    public HubServerFixture Hub { get; } = new(
    [
        "--ReferralHub:Amqp:Broker", TestServers.RabbitMq.AbsoluteUri,
        "--ReferralHub:Amqp:Management", TestServers.RabbitMqManagement.AbsoluteUri,
        "--ReferralHub:Amqp:VirtualHost", VirtualHostName,
        "--ReferralHub:Amqp:SweepInterval", "00:00:00.200",
    ]);

    public Task InitializeAsync() => Hub.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        using var management = new HttpClient { BaseAddress = new UriBuilder(TestServers.RabbitMqManagement) { UserName = "", Password = "" }.Uri };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(TestServers.RabbitMqManagement.UserInfo))));
        await management.DeleteAsync($"api/vhosts/{VirtualHostName}");
        foreach (var agency in Agencies)
        {
            await management.DeleteAsync($"api/users/agency-{agency}");
        }
    }
}
