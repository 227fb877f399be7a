using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>A RabbitMQ virtual host created for one test class (through the management API) and deleted after it.</summary>
public sealed class ThrowawayVirtualHost : IAsyncDisposable
{
    private readonly HttpClient management;

    private ThrowawayVirtualHost(HttpClient management, string name, Uri amqp)
    {
        this.management = management;
        Name = name;
        AmqpUri = new UriBuilder(amqp) { Path = "/" + Uri.EscapeDataString(name) }.Uri;
    }

    public string Name { get; }

    /// <summary>The broker's AMQP URI with this virtual host.</summary>
    public Uri AmqpUri { get; }

    public static async Task<ThrowawayVirtualHost> CreateAsync(Uri amqp, Uri managementUri)
    {
        var http = new HttpClient { BaseAddress = new UriBuilder(managementUri) { UserName = "", Password = "" }.Uri };
        var credentials = Uri.UnescapeDataString(managementUri.UserInfo);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        var user = Uri.UnescapeDataString(amqp.UserInfo.Split(':')[0]);
        var vhost = new ThrowawayVirtualHost(http, $"rh-test-{Guid.NewGuid():N}", amqp);
        (await http.PutAsync($"api/vhosts/{vhost.Name}", Json("{}"))).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{vhost.Name}/{Uri.EscapeDataString(user)}", Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
        return vhost;
    }

    /// <summary>How many consumers each queue of the virtual host has, as the management API reports them.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ConsumersByQueueAsync()
    {
        using var queues = JsonDocument.Parse(await management.GetStringAsync($"api/queues/{Name}"));
        return queues.RootElement.EnumerateArray().ToDictionary(
            queue => queue.GetProperty("name").GetString()!,
            queue => queue.TryGetProperty("consumers", out var consumers) ? consumers.GetInt32() : 0);
    }

    public async ValueTask DisposeAsync()
    {
        using (management)
        {
            await management.DeleteAsync($"api/vhosts/{Name}");
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
