using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Options;

namespace ReferralHub.Gateway.Channels.Amqp;

/// <summary>
/// The broker's users and permissions, through RabbitMQ's management HTTP API (AMQP itself cannot create users): the
/// agencies' virtual host, and per organisation a user that may read its queue and write its reply exchange only.
/// </summary>
public sealed class BrokerManagement(IHttpClientFactory httpClients, IOptionsMonitor<AmqpOptions> options)
{
    public const string HttpClientName = "referralhub-broker-management";

    /// <summary>Creates the agencies' virtual host if it is missing and gives the hub's own user every right in it.</summary>
    public async Task EnsureVirtualHostAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var hubUser = Uri.UnescapeDataString(settings.Broker!.UserInfo.Split(':')[0]);
        await SendAsync(HttpMethod.Put, $"api/vhosts/{Escape(settings.VirtualHost)}", new { description = "ReferralHub agencies' queues" }, cancellationToken);
        await SendAsync(HttpMethod.Put, $"api/permissions/{Escape(settings.VirtualHost)}/{Escape(hubUser)}", new { configure = ".*", write = ".*", read = ".*" }, cancellationToken);
    }

    /// <summary>Creates the organisation's user, or gives it a new password, and sets its permissions.</summary>
    public async Task PutUserAsync(string organizationId, string password, CancellationToken cancellationToken)
    {
        var user = AmqpNames.User(organizationId);
        var (configure, write, read) = AmqpNames.Permissions(organizationId);
        await SendAsync(HttpMethod.Put, $"api/users/{Escape(user)}", new { password, tags = string.Empty }, cancellationToken);
        await SendAsync(HttpMethod.Put, $"api/permissions/{Escape(options.CurrentValue.VirtualHost)}/{Escape(user)}", new { configure, write, read }, cancellationToken);
    }

    /// <summary>Deletes the organisation's user (its open connections are closed by the broker); a missing user is fine.</summary>
    public async Task DeleteUserAsync(string organizationId, CancellationToken cancellationToken)
    {
        using var response = await Client().DeleteAsync($"api/users/{Escape(AmqpNames.User(organizationId))}", cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    private async Task SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await Client().SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private HttpClient Client()
    {
        var management = options.CurrentValue.Management
            ?? throw new InvalidOperationException($"{AmqpOptions.Section}:Management is required with {AmqpOptions.Section}:Broker.");
        var client = httpClients.CreateClient(HttpClientName);
        client.BaseAddress = new UriBuilder(management) { UserName = string.Empty, Password = string.Empty }.Uri;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
        return client;
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
