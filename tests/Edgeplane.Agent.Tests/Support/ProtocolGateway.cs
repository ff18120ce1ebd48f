using System.Net;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Tests.Identity.Support;
using Edgeplane.Protocol.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Tests.Support;

/// <summary>The protocol-level test gateway on 127.0.0.1 (real TLS, real gRPC, the hub CA and token services).</summary>
public sealed class ProtocolGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private ProtocolGateway(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        State = app.Services.GetRequiredService<GatewayState>();
        Store = app.Services.GetRequiredService<IIdentityStore>();
    }

    public Uri Address { get; }

    public GatewayState State { get; }

    /// <summary>Tokens, certificates and revocations; handed to a restarted gateway like a hub's database.</summary>
    internal IIdentityStore Store { get; }

    internal static async Task<ProtocolGateway> StartAsync(string dataDirectory, int port = 0, GatewayState? state = null,
        TimeProvider? time = null, IIdentityStore? store = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        builder.Services.AddSingleton(store ?? new InMemoryIdentityStore());
        builder.Services.AddSingleton(state ?? new GatewayState());
        builder.Services.AddEdgeplaneIdentity(new IdentityOptions { DataDirectory = dataDirectory });
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseEdgeplaneGatewayTls()));
        var app = builder.Build();
        app.MapGrpcService<ProtocolGatewayService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ProtocolGateway(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async Task<string> CreateTokenAsync(string cluster, TimeSpan? ttl = null)
    {
        var created = await _app.Services.GetRequiredService<BootstrapTokenService>().CreateAsync(ClusterId.Parse(cluster), ttl, CancellationToken.None);
        return created.Token.Format();
    }

    public Task RevokeAsync(string cluster) =>
        _app.Services.GetRequiredService<ClusterRevocationService>().RevokeAsync(ClusterId.Parse(cluster), "test", CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        State.DropAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
