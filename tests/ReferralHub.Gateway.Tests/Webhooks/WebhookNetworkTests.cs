using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Webhooks;

namespace ReferralHub.Gateway.Tests.Webhooks;

/// <summary>
/// Webhooks cannot be aimed at the hub's own network (SSRF): internal addresses are refused when an Endpoint is
/// registered, and a name that resolves to one is not connected to when a delivery is sent.
/// </summary>
public sealed class WebhookNetworkTests
{
    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://127.8.9.10/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://hooks.localhost/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.20.0.5/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://224.0.0.1/hook")]
    [InlineData("https://[::]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[fd12:3456::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[ff02::1]/hook")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/hook")]
    [InlineData("https://[2002:c0a8:0101::1]/hook")]
    public void An_internal_address_is_refused_at_registration_outside_Development(string address)
    {
        var refused = Assert.Throws<FhirInputException>(() => WebhookPolicies.Addresses("Production").Check(address));
        Assert.Equal(422, refused.Status);
        Assert.Contains("AllowedPrivateNetworks", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://169.254.169.254/hook")]
    [InlineData("https://[fd12:3456::1]/hook")]
    public void Development_allows_loopback_but_no_other_internal_address(string address)
    {
        Assert.Equal("http://localhost:8080/hook", WebhookPolicies.Addresses("Development").Check("http://localhost:8080/hook"));
        Assert.Equal("https://[::1]/hook", WebhookPolicies.Addresses("Development").Check("https://[::1]/hook"));
        Assert.Equal(422, Assert.Throws<FhirInputException>(() => WebhookPolicies.Addresses("Development").Check(address)).Status);
    }

    [Theory]
    [InlineData("https://10.20.1.5/hook", "10.20.0.0/16")]
    [InlineData("https://192.168.7.7/hook", "192.168.7.7")]
    [InlineData("https://[fd00:aa::5]/hook", "fd00:aa::/32")]
    [InlineData("https://[::ffff:10.20.1.5]/hook", "10.20.0.0/16")]
    public void An_allow_listed_network_or_address_is_accepted(string address, string allowed)
    {
        Assert.Equal(new Uri(address).AbsoluteUri, WebhookPolicies.Addresses("Production", allowed).Check(address));
        Assert.Equal(422, Assert.Throws<FhirInputException>(() => WebhookPolicies.Addresses("Production", "10.30.0.0/16").Check(address)).Status);
    }

    [Theory]
    [InlineData("https://agency.example.org/hook")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2606:4700::1111]/hook")]
    public void A_public_address_or_a_name_is_accepted_at_registration(string address) =>
        Assert.Equal(new Uri(address).AbsoluteUri, WebhookPolicies.Addresses("Production").Check(address));

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_not_connected_to_at_send_time_outside_Development()
    {
        using var listener = new CountingListener();
        using var production = WebhookPolicies.Services("Production", new Dictionary<string, string?>());
        using var client = production.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookSender.HttpClientName);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync($"http://localhost:{listener.Port}/hook", new StringContent("{}")));

        Assert.IsType<WebhookAddressRefusedException>(failure.InnerException);
        Assert.Equal(0, listener.Accepted);
    }

    [Fact]
    public async Task The_same_name_is_connected_to_in_Development_or_when_allow_listed()
    {
        using var listener = new CountingListener();
        var allowLocalhost = new Dictionary<string, string?> { ["ReferralHub:Webhooks:AllowedPrivateNetworks:0"] = "localhost" };
        foreach (var (environment, settings) in new[] { ("Development", new Dictionary<string, string?>()), ("Production", allowLocalhost) })
        {
            using var services = WebhookPolicies.Services(environment, settings);
            using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookSender.HttpClientName);
            using var response = await client.PostAsync($"http://localhost:{listener.Port}/hook", new StringContent("{}"));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal(2, listener.Accepted);
    }

    /// <summary>A loopback HTTP server that answers 204 and counts the connections it accepted.</summary>
    private sealed class CountingListener : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private int accepted;

        public CountingListener()
        {
            listener.Start();
            _ = ServeAsync();
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public int Accepted => Volatile.Read(ref accepted);

        public void Dispose()
        {
            stop.Cancel();
            listener.Dispose();
            stop.Dispose();
        }

        private async Task ServeAsync()
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    using var connection = await listener.AcceptTcpClientAsync(stop.Token);
                    Interlocked.Increment(ref accepted);
                    var stream = connection.GetStream();
                    var buffer = new byte[8192];
                    var request = string.Empty;
                    while (!request.Contains("\r\n\r\n{}", StringComparison.Ordinal))
                    {
                        var read = await stream.ReadAsync(buffer, stop.Token);
                        if (read == 0)
                        {
                            break;
                        }

                        request += System.Text.Encoding.ASCII.GetString(buffer, 0, read);
                    }

                    await stream.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray(), stop.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
            {
                // The test is over.
            }
        }
    }
}
