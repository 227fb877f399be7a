using System.Net;
using System.Net.Sockets;

namespace ReferralHub.EndToEnd.Tests.Webhooks;

/// <summary>
/// An endpoint that accepts the hub's connection, reads the start of its request and resets the connection without
/// answering. WireMock.Net 1.25's faults cannot do this: its <c>EMPTY_RESPONSE</c> still sends a 200 status line.
/// </summary>
public sealed class DroppingEndpoint : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private int dropped;

    public DroppingEndpoint()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public string Address => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/referralhub/messages";

    /// <summary>Connections that sent a request and were reset.</summary>
    public int Dropped => Volatile.Read(ref dropped);

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
                var buffer = new byte[1024];
                try
                {
                    if (await socket.ReceiveAsync(buffer, SocketFlags.None, stopping.Token) > 0)
                    {
                        Interlocked.Increment(ref dropped);
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
}
