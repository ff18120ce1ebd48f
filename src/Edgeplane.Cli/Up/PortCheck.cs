using System.Net;
using System.Net.Sockets;

namespace Edgeplane.Cli.Up;

/// <summary>Finds a busy port before anything starts, so the error names the port and the flag instead of a socket code.</summary>
internal static class PortCheck
{
    /// <summary>Throws <see cref="InvalidOperationException"/> when <paramref name="port"/> on 127.0.0.1 cannot be bound.</summary>
    public static void EnsureFree(int port, string what, string flag)
    {
        if (port == 0)
        {
            return;
        }
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            listener.Listen(1);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new InvalidOperationException(
                $"port {port} on 127.0.0.1 ({what}) is {(e.SocketErrorCode == SocketError.AccessDenied ? "not allowed" : "already in use")}; " +
                $"stop what uses it or pass {flag} N (0 picks a free port)", e);
        }
    }
}
