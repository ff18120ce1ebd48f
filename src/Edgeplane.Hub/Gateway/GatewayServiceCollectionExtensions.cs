using Edgeplane.Hub.Gateway.Admission;
using Edgeplane.Hub.Gateway.Availability;
using Edgeplane.Hub.Gateway.Bundles;
using Edgeplane.Hub.Gateway.Fanout;
using Edgeplane.Hub.Gateway.Sessions;
using Edgeplane.Hub.Gateway.Status;
using Edgeplane.Hub.Observability;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Edgeplane.Hub.Gateway;

/// <summary>DI registration of the agent gateway (the hub's identity services and stores must be registered too).</summary>
internal static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Registers the target index and fan-out, sessions, the status writer, the availability tracker and monitor,
    /// admission control and the per-peer call rates (a gRPC interceptor), the bundle cache and server, metrics, and the
    /// shutdown Goodbye.
    /// </summary>
    public static IServiceCollection AddEdgeplaneGateway(this IServiceCollection services, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(Random.Shared);
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<AdmissionController>();
        services.AddSingleton<PeerCallLimits>();
        services.AddSingleton<PeerRateLimitInterceptor>();
        services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<PeerRateLimitInterceptor>());
        services.AddSingleton<TargetIndex>();
        services.AddSingleton<SessionTable>();
        services.AddSingleton<AvailabilityTracker>();
        services.AddSingleton<StatusWriter>();
        services.AddSingleton<SessionServices>();
        services.AddSingleton<ConnectHandler>();
        services.AddSingleton<GzipBundleCache>();
        services.AddSingleton<BundleServer>();
        services.AddHostedService<GatewayShutdown>();
        services.AddHostedService<TargetFanout>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusWriter>());
        services.AddHostedService<AvailabilityMonitor>();
        return services;
    }
}
