using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// Opens the webhook client's connections (<see cref="SocketsHttpHandler.ConnectCallback"/>): the host is resolved here
/// and the connection made only when every address it resolves to is one <see cref="WebhookNetworks"/> permits, to
/// exactly those addresses. A name that passed registration but resolves to an internal address at send time (DNS
/// rebinding) is never connected to.
/// </summary>
public sealed class WebhookConnector(WebhookNetworks networks)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(target.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(target.Host, cancellationToken);
        if (addresses.Length == 0 || addresses.Any(address => !networks.Permits(target.Host, address)))
        {
            throw new WebhookAddressRefusedException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, target.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The webhook's host resolves to an address webhooks may not reach; nothing was connected to.</summary>
public sealed class WebhookAddressRefusedException()
    : IOException("The webhook's host resolves to an address webhooks may not reach (loopback, private, link-local or another non-public range).");
