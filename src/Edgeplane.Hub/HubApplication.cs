using System.Text.Json.Serialization;
using Edgeplane.Hub.Api;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Dashboard;
using Edgeplane.Hub.Events;
using Edgeplane.Hub.Gateway;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Lifecycle;
using Edgeplane.Hub.Observability;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Sources;
using Edgeplane.Hub.Sources.Webhooks;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Targets;
using Edgeplane.Protocol.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace Edgeplane.Hub;

/// <summary>
/// Builds the hub: an ASP.NET Core app with the REST API, webhooks, health and metrics on <see cref="HubOptions.Listen"/>,
/// and background services for the source poller and the revision processor. The CLI's <c>edgeplane hub</c> runs it;
/// tests host it on port 0. More endpoints and services (the agent gateway) plug in through the two callbacks.
/// </summary>
public static class HubApplication
{
    /// <summary>
    /// Builds (does not start) the hub. From here on every file the process creates is private (umask 077), and the data
    /// folder is created 0700 or, when it exists, refused if group or others may write to it
    /// (<see cref="PrivateFileException"/>).
    /// </summary>
    /// <param name="options">What to serve and where.</param>
    /// <param name="args">Host arguments (configuration overrides), may be empty.</param>
    /// <param name="configureServices">Adds or replaces services after the hub's own (e.g. a gateway, a test clock).</param>
    /// <param name="configureApp">Maps more endpoints after the hub's own.</param>
    public static WebApplication Build(HubOptions options, string[]? args = null,
        Action<WebApplicationBuilder>? configureServices = null, Action<WebApplication>? configureApp = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateLimits(options.Limits);
        ValidateJoin(options);
        if (options.Oidc is { } oidc)
        {
            OidcOptionsValidator.Validate(oidc); // before anything is created on disk
        }
        options.Audit.Validate();
        var apiCertificate = ApiListener.LoadCertificateFiles(options);
        PrivateFiles.RestrictNewFiles();
        PrivateFiles.PrepareFolder(options.DataDirectory, "hub data folder");
        var remote = GitRemote.Parse(options.Repo, options.RepoCredentials);
        options = options with { Repo = remote.Url, RepoCredentials = remote.Credentials };
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (options.GatewayListen is null && !ApiListener.IsHttps(options))
        {
            builder.WebHost.UseUrls(options.Listen);
        }
        else if (options.GatewayListen is null)
        {
            builder.WebHost.ConfigureKestrel(kestrel => ApiListener.Bind(kestrel, options));
        }
        else
        {
            builder.WebHost.ConfigureKestrel(kestrel => GatewayEndpoints.Listen(kestrel, options));
            builder.Services.AddEdgeplaneGateway(options.Gateway);
        }
        builder.Services.AddSingleton(sp => new ApiServerCertificate(apiCertificate, sp.GetRequiredService<GatewayServerCertificate>()));
        AddHubServices(builder.Services, options);
        configureServices?.Invoke(builder);
        var app = builder.Build();
        MapHub(app, options);
        configureApp?.Invoke(app);
        return app;
    }

    /// <summary>
    /// The full path of the hub CA certificate (<c>{data}/identity/ca.crt</c>) when the REST listener serves a certificate
    /// the hub CA issued (an https <see cref="HubOptions.Listen"/> without certificate files): the file API clients must
    /// trust. Else null.
    /// </summary>
    public static string? HubCaCertificateFile(HubOptions options) => ApiListener.HubCaCertificateFile(options);

    /// <summary>The DNS names and addresses in a hub-CA-issued REST certificate (the gateway's: <c>--gateway-name</c>).</summary>
    public static IReadOnlyList<string> HubIssuedCertificateNames(HubOptions options) => ApiListener.HubIssuedCertificateNames(options);

    private static void ValidateLimits(HubLimits limits)
    {
        if (!(limits.MaxDeletionShare is >= 0 and <= 1))
        {
            throw new ArgumentException(
                $"the maximum deletion share (--max-deletion-share) is {limits.MaxDeletionShare}; it must be between 0 and 1, e.g. 0.5 for 50%");
        }
    }

    private static void ValidateJoin(HubOptions options)
    {
        if (options.JoinTokenTtl < TimeSpan.FromMinutes(1) || options.JoinTokenTtl > TimeSpan.FromDays(7))
        {
            throw new ArgumentException($"the join token TTL (--join-token-ttl) is {options.JoinTokenTtl}; it must be between 1 minute and 7 days");
        }
        AgentGatewayAddress.Configured(options); // throws for a --gateway-url that is not https://HOST[:PORT]
    }

    private static void AddHubServices(IServiceCollection services, HubOptions options)
    {
        var settings = StoreSettings.Parse(options.Store, options.DataDirectory);
        services.AddSingleton(options);
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        var events = new FleetEvents();
        services.AddSingleton(events);
        services.AddSingleton<IDbContextFactory<HubDbContext>>(new HubDbContextFactory(settings, new FleetChangeInterceptor(events)));
        services.AddSingleton<ClusterTargetFeed>();
        services.AddSingleton<IClusterTargetFeed>(sp => sp.GetRequiredService<ClusterTargetFeed>());
        if (settings.Provider == StoreProvider.Postgres)
        {
            services.AddSingleton<ITargetChangePublisher, PostgresTargetChangePublisher>();
            services.AddSingleton<IPostgresChannel, TargetNotificationChannel>();
            services.AddSingleton<PostgresFleetEventRelay>();
            services.AddSingleton<IPostgresChannel>(sp => sp.GetRequiredService<PostgresFleetEventRelay>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresFleetEventRelay>());
            services.AddHostedService<PostgresNotificationListener>();
        }
        else
        {
            services.AddSingleton<ITargetChangePublisher, LocalTargetChangePublisher>();
        }
        services.AddSingleton<HubDatabase>();
        services.AddSingleton<IRevisionStore, EfRevisionStore>();
        services.AddSingleton<IClusterStore, EfClusterStore>();
        services.AddSingleton<IBundleStore, EfBundleStore>();
        services.AddSingleton<IAuditStore, EfAuditStore>();
        services.AddSingleton<ITokenStore, EfTokenStore>();
        services.AddSingleton<IWorkspaceStore, EfWorkspaceStore>();
        services.TryAddSingleton<IWorkspaceDirectory, WorkspaceDirectory>();
        services.AddSingleton<IAgentStateStore, EfAgentStateStore>();
        services.AddSingleton<IInstanceLeaseStore, EfInstanceLeaseStore>();
        services.AddSingleton(HubInstance.Create(options));
        services.AddSingleton<IRolloutStore, EfRolloutStore>();
        services.AddSingleton<RolloutLeadership>();
        services.AddSingleton<RolloutEngine>();
        AddIdentityServices(services, options, settings);
        services.AddSingleton<HubSignals>();
        services.AddSingleton<HubReadiness>();
        services.AddSingleton<HubActivity>();
        services.AddSingleton<HubMetrics>();
        services.AddSingleton<ClusterGaugeUpdater>();
        services.AddSingleton<AdminTokenBootstrap>();
        services.AddSingleton<GitSource>();
        services.AddSingleton<DeliveryReplayCache>();
        services.AddSingleton<WebhookVerifier>();
        services.AddSingleton<WebhookRateLimiter>();
        services.AddSingleton<LastGoodObjects>();
        services.AddSingleton<JoinSecrets>();
        services.TryAddSingleton<IRevisionCompiler, FleetRevisionCompiler>();
        services.AddHostedService<HubStartup>();
        services.AddHostedService<SourcePoller>();
        services.AddHostedService<AuditPruner>();
        services.AddHostedService<RevisionProcessor>();
        services.AddHostedService<JoinTokenReissuer>();
        services.AddHostedService(sp => sp.GetRequiredService<RolloutEngine>());
        services.AddSingleton<ILifecycleStore, EfLifecycleStore>();
        services.AddSingleton<LifecycleSignals>();
        services.AddSingleton<LifecycleMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<LifecycleMonitor>());
        AddApiServices(services, options);
    }

    private static void AddIdentityServices(IServiceCollection services, HubOptions options, StoreSettings settings)
    {
        services.TryAddSingleton<IIdentityStore, EfIdentityStore>();
        services.AddSingleton(sp => new AgentGatewayAddress(options, sp.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>(),
            sp.GetService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>()));
        var identity = new IdentityOptions { DataDirectory = options.DataDirectory };
        services.AddEdgeplaneIdentity(options.GatewayHostNames is { } names ? identity with { GatewayHostNames = names } : identity);
        if (settings.Provider == StoreProvider.Postgres)
        {
            services.AddSingleton<IPostgresChannel, RevocationNotificationChannel>();
        }
    }

    private static void AddApiServices(IServiceCollection services, HubOptions options)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.AddOpenApi();
        var authentication = services.AddAuthentication(options.Oidc is null ? ApiTokenAuthenticationHandler.SchemeName : OidcAuthentication.SelectorScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        if (options.Oidc is { } oidc)
        {
            authentication.AddOidc(oidc); // IWorkspaceDirectory is optional: without one, OIDC callers hold only group-given roles
        }
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, DeniedCallAuditor>();
        services.AddAuthorizationBuilder().AddHubPolicies();
        services.AddSingleton<DashboardAssets>();
        services.AddHostedService<FleetEventRelay>();
    }

    private static void MapHub(WebApplication app, HubOptions options)
    {
        var metrics = app.Services.GetRequiredService<HubMetrics>();
        app.Services.GetRequiredService<ClusterGaugeUpdater>().Register();
        if (options.GatewayListen is not null)
        {
            app.UseGatewayIsolation();
            app.MapGrpcService<AgentGatewayService>().AllowAnonymous(); // agents authenticate by certificate, per call
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseHttpMetrics(o => o.SetMetricFactory(Metrics.WithCustomRegistry(metrics.Registry)));
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthApi();
        app.MapMetrics("/metrics", metrics.Registry).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(HubPolicies.Read);
        var api = app.MapGroup("/api/v1");
        api.MapFleetApi().MapClustersApi().MapRevisionsApi().MapBundlesApi().MapWebhooksApi().MapClusterIdentityApi().MapRolloutsApi();
        api.MapEventsApi().MapWhoAmIApi().MapAuthConfigApi().MapWorkspacesApi();
        api.MapTokensApi();
        // Any role reads the audit log; AuditApi narrows a workspace-confined caller to its workspaces' entries.
        api.MapGroup("").RequireAuthorization(HubPolicies.Read).MapAuditApi();
        app.MapDashboard();
    }
}
