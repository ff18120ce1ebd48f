using Edgeplane.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Identity;

/// <summary>DI registration of the hub identity services.</summary>
internal static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// Registers the CA (loaded or created on first use), the gateway server certificate, token creation, enrolment,
    /// revocation, the connection registry, and gRPC with <see cref="AgentAuthInterceptor"/> and the protocol's
    /// message size limits. The host must also register an <see cref="IIdentityStore"/> (the durable one, or the tests'
    /// in-memory one), map <see cref="AgentGatewayIdentityService"/> (or the gateway
    /// derived from it), and call <see cref="GatewayListenOptionsExtensions.UseEdgeplaneGatewayTls"/> on its agent listener.
    /// </summary>
    public static IServiceCollection AddEdgeplaneIdentity(this IServiceCollection services, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => HubCertificateAuthority.LoadOrCreate(
            options, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<HubCertificateAuthority>()));
        services.AddSingleton<GatewayServerCertificate>();
        services.AddSingleton<AgentCertificateValidator>();
        services.AddSingleton<BootstrapTokenService>();
        services.AddSingleton<EnrollmentService>();
        services.AddSingleton<AgentConnectionRegistry>();
        services.AddSingleton<ClusterRevocationService>();
        services.AddSingleton<AgentAuthInterceptor>();
        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<AgentAuthInterceptor>();
            grpc.MaxReceiveMessageSize = ProtocolLimits.MaxMessageBytes;
            grpc.MaxSendMessageSize = ProtocolLimits.MaxMessageBytes;
        });
        return services;
    }
}
