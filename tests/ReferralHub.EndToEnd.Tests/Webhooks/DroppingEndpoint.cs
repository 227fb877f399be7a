using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Net.Sockets;

namespace ReferralHub.EndToEnd.Tests.Webhooks;

/// <summary>
/// An endpoint that accepts the hub's connection, reads the start of its request and resets the connection without
/// answering. WireMock.Net 1.25's faults cannot do this: its <c>EMPTY_RESPONSE</c> still sends a 200 status line.
/// </summary>
public sealed partial class DroppingEndpoint : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, int> droppedByMessage = new(StringComparer.Ordinal);

    public DroppingEndpoint()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public string Address => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/referralhub/messages";

    /// <summary>How many requests carrying this <c>X-ReferralHub-Message-Id</c> were cut off.</summary>
    public int DroppedFor(string messageId) => droppedByMessage.GetValueOrDefault(messageId);

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            using (socket)
            {
                var buffer = new byte[8192];
                try
                {
                    var read = await socket.ReceiveAsync(buffer, SocketFlags.None, stopping.Token);
                    if (MessageIdHeader().Match(Encoding.ASCII.GetString(buffer, 0, read)) is { Success: true } header)
                    {
                        droppedByMessage.AddOrUpdate(header.Groups["id"].Value, 1, (_, count) => count + 1);
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException)
                {
                }

                // Linger 0: closing sends a TCP reset, as a crashed receiver or a load balancer cutting the line would.
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
        }
    }

    [GeneratedRegex(@"X-ReferralHub-Message-Id:\s*(?<id>\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdHeader();
}
