using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Edgeplane.Hub.Tests.Infrastructure;

/// <summary>Client connections that come from a chosen loopback address (127.0.0.2, …), so per-address limits can be tested.</summary>
internal static class LocalAddress
{
    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that binds each connection to <paramref name="local"/>.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectFrom(IPAddress local) =>
        async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}
