using Edgeplane.Hub.Gateway.Admission;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Observability;
using Edgeplane.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Edgeplane.Hub.Gateway;

/// <summary>
/// The hub's two Kestrel listeners when the gateway is on: the REST API on <see cref="HubOptions.Listen"/> (HTTP or
/// HTTPS, see <see cref="ApiListener"/>) and the agent gateway on <see cref="HubOptions.GatewayListen"/>
/// (HTTP/2, TLS from the hub CA, a bounded number of handshakes in flight). Each serves only its own endpoints.
/// </summary>
internal static class GatewayEndpoints
{
    private const string GatewayConnection = "edgeplane.gateway";
    private const string HandshakeTicketKey = "edgeplane.handshake";

    /// <summary>Binds both listeners; throws <see cref="ArgumentException"/> for an address it cannot bind.</summary>
    public static void Listen(KestrelServerOptions kestrel, HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(options);
        var gateway = ListenAddress.Parse(options.GatewayListen ?? throw new ArgumentException("no gateway address"), "https", "--gateway-listen");
        ApiListener.Bind(kestrel, options);
        ListenAddress.Bind(kestrel, gateway, listen =>
        {
            var admission = listen.ApplicationServices.GetRequiredService<AdmissionController>();
            var metrics = listen.ApplicationServices.GetRequiredService<GatewayMetrics>();
            listen.Use(next => async connection =>
            {
                connection.Items[GatewayConnection] = true;
                using var ticket = await admission.WaitForHandshakeAsync(connection.ConnectionClosed).ConfigureAwait(false);
                if (!ticket.Admitted)
                {
                    metrics.AdmissionRejections.WithLabels("handshake").Inc();
                    connection.Abort();
                    return;
                }
                // The slot is held through the handshake only: freed below once it completes, or here when it fails.
                connection.Items[HandshakeTicketKey] = ticket;
                await next(connection).ConfigureAwait(false);
            });
            listen.UseEdgeplaneGatewayTls();
            listen.Use(next => connection =>
            {
                ReleaseHandshakeSlot(connection);
                return next(connection);
            });
        });
    }

    private static void ReleaseHandshakeSlot(ConnectionContext connection)
    {
        if (connection.Items.TryGetValue(HandshakeTicketKey, out var held) && held is HandshakeTicket ticket)
        {
            connection.Items.Remove(HandshakeTicketKey);
            ticket.Dispose();
        }
    }

    /// <summary>
    /// Keeps the listeners apart: gRPC gateway calls only on the gateway listener, everything else only on the API
    /// listener (404 otherwise), so the REST API is not reachable on the port agents are given, nor the other way round.
    /// </summary>
    public static IApplicationBuilder UseGatewayIsolation(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var onGateway = context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(GatewayConnection) == true;
        var isGatewayCall = context.Request.Path.StartsWithSegments(GatewayMethods.ServicePrefix.TrimEnd('/'), StringComparison.Ordinal);
        if (onGateway != isGatewayCall)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    });
}
