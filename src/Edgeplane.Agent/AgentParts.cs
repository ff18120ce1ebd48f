using Edgeplane.Agent.Bundles;
using Edgeplane.Agent.Identity;
using Edgeplane.Agent.Link;
using Edgeplane.Agent.Reconcile;
using Edgeplane.Agent.State;
using Edgeplane.Agent.Status;
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
        Identity = new AgentIdentityState(credentials, time);
        Outbox = new StatusOutbox(state, options.Outbox, loggerFactory.CreateLogger<StatusOutbox>());
        Publisher = new StatusPublisher(Outbox);
        var cache = new BundleCache(state);
        var connection = new ClusterConnection(client, options.Cluster, time, random, loggerFactory);
        _ownGate = options.Gate is null ? new ReconcileGate(1) : null;
        BundleReconciler? reconciler = null;
        Link = new HubLink(new HubLinkDependencies(options, Identity, Outbox, new BundleFetcher(cache),
            () => reconciler!.HelloFacts(), target => reconciler!.OnTarget(target), time, random, loggerFactory.CreateLogger<HubLink>()));
        reconciler = new BundleReconciler(new ReconcilerDependencies(options, credentials.Cluster.Value, connection, cache, Link,
            Checkpoints, options.Gate ?? _ownGate!, time, random, loggerFactory.CreateLogger<BundleReconciler>()), checkpoint);
        Reconciler = reconciler;
        Renewer = new CertificateRenewer(options.Hub, Identity, Files, options.Renewal, time, random,
            loggerFactory.CreateLogger<CertificateRenewer>());
    }

    public AgentOptions Options { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TimeProvider Time { get; }

    public AgentIdentityFiles Files { get; }

    public CheckpointFile Checkpoints { get; }

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
        _ownGate?.Dispose();
        _client.Dispose();
    }

    private static IKubernetes CreateClient(AgentOptions options)
    {
        try
        {
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeconfigPath, options.KubeContext);
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
