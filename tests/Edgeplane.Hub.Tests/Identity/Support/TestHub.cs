using System.Net;
using Edgeplane.Hub.Identity;
using Edgeplane.Protocol.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Identity.Support;

/// <summary>A real hub gateway for tests: Kestrel on 127.0.0.1, port 0, the identity services, real TLS and gRPC.</summary>
public sealed class TestHub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHub(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    internal HubCertificateAuthority Ca => Services.GetRequiredService<HubCertificateAuthority>();

    internal IIdentityStore Store => Services.GetRequiredService<IIdentityStore>();

    public GatewayKnobs Knobs => Services.GetRequiredService<GatewayKnobs>();

    internal static async Task<TestHub> StartAsync(
        string dataDirectory, FakeTimeProvider time, IIdentityStore? store = null, IdentityOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(store ?? new InMemoryIdentityStore());
        builder.Services.AddSingleton<GatewayKnobs>();
        builder.Services.AddEdgeplaneIdentity(options ?? new IdentityOptions { DataDirectory = dataDirectory });
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseEdgeplaneGatewayTls()));
        var app = builder.Build();
        app.MapGrpcService<TestGatewayService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestHub(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async Task<BootstrapToken> CreateTokenAsync(string cluster, TimeSpan? ttl = null)
    {
        var created = await Services.GetRequiredService<BootstrapTokenService>()
            .CreateAsync(ClusterId.Parse(cluster), ttl, CancellationToken.None);
        return created.Token;
    }

    internal Task<ClusterRevocation> RevokeAsync(string cluster) =>
        Services.GetRequiredService<ClusterRevocationService>().RevokeAsync(ClusterId.Parse(cluster), "test", CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
