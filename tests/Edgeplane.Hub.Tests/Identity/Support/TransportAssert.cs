using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;

namespace Edgeplane.Hub.Tests.Identity.Support;

/// <summary>Asserts that a client certificate was refused by TLS itself, before any gRPC handler ran.</summary>
public static class TransportAssert
{
    /// <summary>
    /// The gRPC view: no status from the hub, a transport failure. With TLS 1.3 the client finishes its side of the
    /// handshake before the hub checks the certificate, so the failure shows up as Unavailable or Internal depending
    /// on which frame the client was sending when the hub closed the connection.
    /// </summary>
    public static void RefusedByTransport(RpcException e)
    {
        Assert.Contains(e.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        Assert.True(e.Status.DebugException is HttpRequestException or IOException,
            $"expected a transport failure, got {e.Status.DebugException?.GetType().Name ?? "a status from the hub"}: {e.Status.Detail}");
    }

    /// <summary>
    /// <see cref="RefusedByTransport(RpcException)"/> for a call that may also fail outside gRPC's wrapping: a
    /// streaming call's first request write can surface the closed connection as the raw HTTP/2 error
    /// (<see cref="HttpIOException"/>) instead of an <see cref="RpcException"/>.
    /// </summary>
    public static async Task RefusedAsync(Func<Task> call)
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(call);
        if (e is RpcException rpc)
        {
            RefusedByTransport(rpc);
            return;
        }
        Assert.True(e is HttpRequestException or IOException, $"expected a transport failure, got {e.GetType().Name}: {e.Message}");
    }

    /// <summary>
    /// The TLS view: the hub closes the connection instead of sending its HTTP/2 preface. (.NET checks the peer
    /// certificate right after the handshake messages, so the client's AuthenticateAsClient may still succeed.)
    /// </summary>
    public static async Task TlsRefusesAsync(Uri hub, X509Certificate2 clientCertificate) =>
        Assert.Equal(0, await FirstBytesAsync(hub, clientCertificate));

    /// <summary>The control case: an accepted certificate gets the hub's HTTP/2 SETTINGS frame.</summary>
    public static async Task TlsAcceptsAsync(Uri hub, X509Certificate2 clientCertificate) =>
        Assert.True(await FirstBytesAsync(hub, clientCertificate) > 0);

    private static async Task<int> FirstBytesAsync(Uri hub, X509Certificate2 clientCertificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(hub.Host, hub.Port);
        await using var tls = new SslStream(tcp.GetStream());
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = hub.Host,
            ClientCertificateContext = SslStreamCertificateContext.Create(clientCertificate, [], offline: true),
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
        };
        try
        {
            await tls.AuthenticateAsClientAsync(options);
            await tls.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray());
            var buffer = new byte[64];
            return await tls.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return 0;
        }
    }
}
