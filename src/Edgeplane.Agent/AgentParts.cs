using Edgeplane.Agent.Bundles;
using Edgeplane.Agent.Identity;
using Edgeplane.Agent.Link;
using Edgeplane.Agent.Reconcile;
using Edgeplane.Agent.State;
using Edgeplane.Agent.Status;
using Edgeplane.Agent.Targets;
using Edgeplane.Kubernetes;
using Edgeplane.Protocol.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using k8s;
using k8s.Exceptions;

namespace Edgeplane.Agent;

/// <summary>The pieces of one agent, wired together (the composition root of <see cref="AgentHost"/>).</summary>
internal sealed class AgentParts : IDisposable
{
    private readonly ReconcileGate? _ownGate;
    private readonly SharedHubChannel _channel;
    private readonly IKubernetes _client;

    private AgentParts(AgentOptions options, ILoggerFactory loggerFactory, TimeProvider time, Random random, AgentCredentials credentials,
        AgentCheckpoint checkpoint, IKubernetes client)
    {
        Options = options;
        LoggerFactory = loggerFactory;
        Time = time;
        _client = client;
        var state = options.StateDirectory;
        Files = new AgentIdentityFiles(state);
        Checkpoints = new CheckpointFile(state);
        Checkpoint = new CheckpointState(Checkpoints, checkpoint);
        Identity = new AgentIdentityState(credentials, time);
        Outbox = new StatusOutbox(state, options.Outbox, loggerFactory.CreateLogger<StatusOutbox>());
        Publisher = new StatusPublisher(Outbox);
        _channel = new SharedHubChannel(options.Hub, Identity, time);
        _ownGate = options.Gate is null ? new ReconcileGate(1) : null;
        // One direction only: the link posts targets to the inbox, the reconciler takes them and fetches what it lacks.
        var targets = new TargetInbox();
        Link = new HubLink(new HubLinkDependencies(LinkOptions(options), Identity, _channel, Outbox, targets, Checkpoint, time, random,
            loggerFactory.CreateLogger<HubLink>()));
        var cache = new BundleCache(state);
        var source = new HubBundleSource(_channel, new BundleFetcher(cache), options.BundleFetchTimeout,
            () => Link.Status is { State: HubLinkState.Stopped } stopped ? stopped.Message : null, loggerFactory.CreateLogger<HubBundleSource>());
        var connection = new ClusterConnection(client, options.Cluster, time, random, loggerFactory);
        Reconciler = new BundleReconciler(new ReconcilerDependencies(ReconcilerOptions(options), credentials.Cluster.Value, connection, cache,
            source, targets, Checkpoint, options.Gate ?? _ownGate!, time, random, loggerFactory.CreateLogger<BundleReconciler>()));
        Renewer = new CertificateRenewer(options.Hub, Identity, Files, options.Renewal, time, random,
            loggerFactory.CreateLogger<CertificateRenewer>());
    }

    public AgentOptions Options { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TimeProvider Time { get; }

    public AgentIdentityFiles Files { get; }

    public CheckpointFile Checkpoints { get; }

    public CheckpointState Checkpoint { get; }

    public AgentIdentityState Identity { get; }

    public StatusOutbox Outbox { get; }

    public StatusPublisher Publisher { get; }

    public HubLink Link { get; }

    public BundleReconciler Reconciler { get; }

    public CertificateRenewer Renewer { get; }

    public static async Task<AgentParts> CreateAsync(AgentOptions options, ILoggerFactory? loggerFactory, TimeProvider time, Random random,
        CancellationToken cancellationToken)
    {
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        CreateStateDirectory(options.StateDirectory);
        var client = CreateClient(options);
        try
        {
            var enrolment = new AgentEnrolment(options, time, random, loggerFactory);
            var (credentials, checkpoint) = await enrolment.LoadOrEnrollAsync(cancellationToken).ConfigureAwait(false);
            return new AgentParts(options, loggerFactory, time, random, credentials, checkpoint, client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Reconciler.Dispose();
        Link.Dispose();
        _channel.Dispose();
        _ownGate?.Dispose();
        _client.Dispose();
    }

    private static HubLinkOptions LinkOptions(AgentOptions o) => new(o.Hub, o.AgentVersion, o.ReconnectInitialDelay, o.ReconnectMaxDelay,
        o.JitterFraction, o.DefaultHeartbeatInterval, o.WelcomeTimeout);

    private static ReconcilerOptions ReconcilerOptions(AgentOptions o) => new(o.DriftInterval, o.HealthTimeout, o.HealthPollInterval,
        o.RetryInitialDelay, o.RetryMaxDelay, o.Cluster, o.Applier);

    private static IKubernetes CreateClient(AgentOptions options)
    {
        try
        {
            var config = Edgeplane.Kubernetes.Kubeconfig.Load(options.KubeconfigPath, options.KubeContext);
            return new k8s.Kubernetes(config);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            var context = options.KubeContext is null ? "" : $" (context '{options.KubeContext}')";
            throw new InvalidOperationException($"kubeconfig '{options.KubeconfigPath}'{context} is not usable: {e.Message}", e);
        }
    }

    /// <summary>
    /// The state folder holds the agent's key and its cached bundles: created 0700 (and every file the agent writes
    /// from now on 0600), refused when group or others may write to it.
    /// </summary>
    private static void CreateStateDirectory(string path)
    {
        PrivateFiles.RestrictNewFiles();
        PrivateFiles.PrepareFolder(path, "agent state folder");
    }
}
