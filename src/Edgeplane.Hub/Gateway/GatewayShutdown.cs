using Edgeplane.Hub.Gateway.Sessions;
using Edgeplane.Protocol.V1;
using Microsoft.Extensions.Hosting;

namespace Edgeplane.Hub.Gateway;

/// <summary>
/// When the hub starts stopping (before Kestrel waits for open requests), every agent stream gets a Goodbye
/// SHUTTING_DOWN with a jittered retry_after, so agents reconnect spread out, to this hub after its restart or to
/// another replica.
/// </summary>
internal sealed class GatewayShutdown(IHostApplicationLifetime lifetime, SessionTable sessions) : IHostedService
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(() => sessions.EndAll(GoodbyeReason.ShuttingDown));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        return Task.CompletedTask;
    }
}
