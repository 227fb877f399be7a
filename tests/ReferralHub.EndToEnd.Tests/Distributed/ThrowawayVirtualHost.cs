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

    /// <summary>
    /// Every message waiting in every queue of the virtual host (its <c>_error</c> and agency queues included), read
    /// through the management API and put back: what a copy of the broker's queues holds.
    /// </summary>
    public async Task<IReadOnlyList<string>> QueuedMessagesAsync()
    {
        var payloads = new List<string>();
        foreach (var queue in (await ConsumersByQueueAsync()).Keys)
        {
            var get = await management.PostAsync(
                $"api/queues/{Name}/{Uri.EscapeDataString(queue)}/get",
                Json("""{"count":100000,"ackmode":"ack_requeue_true","encoding":"auto"}"""));
            get.EnsureSuccessStatusCode();
            using var messages = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
            payloads.AddRange(messages.RootElement.EnumerateArray().Select(message => $"{queue}: {message.GetProperty("payload").GetString()}"));
        }

        return payloads;
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
