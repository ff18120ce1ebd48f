using System.Collections.Concurrent;
using System.Threading.Channels;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;
using Edgeplane.KubeSim.Watch;
using Microsoft.Extensions.Logging;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// Runs the simulated controllers for every cluster of a server: commits enqueue work (coalesced), a few workers
/// reconcile, and delays are timers on the injected <see cref="TimeProvider"/> (so tests advance a FakeTimeProvider).
/// Also does the API server's own background jobs: garbage collection of dependents and namespace termination.
/// </summary>
internal sealed partial class ControllerRunner : ICommitObserver, IAsyncDisposable
{
    private readonly KubeSimRuntime _runtime;
    private readonly ILogger _logger;
    private readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>();
    private readonly ConcurrentDictionary<WorkItem, byte> _pending = new();
    private readonly ConcurrentDictionary<ITimer, byte> _timers = new();
    private readonly ConcurrentDictionary<VirtualCluster, Action> _resyncHandlers = new();
    private readonly ConcurrentDictionary<VirtualCluster, Activity> _activity = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly IRelatedObjects[] _related;

    public ControllerRunner(KubeSimRuntime runtime)
    {
        _runtime = runtime;
        _logger = runtime.LoggerFactory.CreateLogger<ControllerRunner>();
        Controllers =
        [
            new DeploymentController(), new StatefulSetController(), new DaemonSetController(), new ReplicaSetController(),
            new JobController(), new VolumeClaimController(), new CrdController(), new VirtualMachineController(),
            new FluxController(), new UpgradePlanController(),
            new ClusterApiClusterController(runtime.LoggerFactory.CreateLogger<ClusterApiClusterController>()),
            new ClusterApiControlPlaneController(runtime.LoggerFactory.CreateLogger<ClusterApiControlPlaneController>()),
            new ClusterApiMachinesController(), new ClusterApiResourceSetController(),
        ];
        _related = Controllers.OfType<IRelatedObjects>().ToArray();
        _workers = Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount)).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    public IReadOnlyList<IKindController> Controllers { get; }

    public void OnCommitted(VirtualCluster cluster, ResourceType type, WatchEvent change)
    {
        var obj = change.Object;
        if (_related.Any(c => c.Watches(cluster, type)))
        {
            Enqueue(new WorkItem(cluster, WorkKind.Related, type, obj.Namespace, obj.Name));
        }
        if (change.Type == WatchEventType.Deleted)
        {
            Forget(cluster, type.Key, obj);
            Enqueue(new WorkItem(cluster, WorkKind.CollectGarbage, null, null, obj.Uid));
            if (obj.Namespace is not null)
            {
                Enqueue(new WorkItem(cluster, WorkKind.FinalizeNamespace, null, null, obj.Namespace));
            }
            return;
        }
        if (type.Kind == "Namespace" && !type.IsCustom)
        {
            Enqueue(new WorkItem(cluster, WorkKind.FinalizeNamespace, null, null, obj.Name));
        }
        if (Controllers.Any(c => c.Handles(type)))
        {
            Observe(cluster, type.Key, obj, GenerationOf(obj), _runtime.Time.GetUtcNow());
            Enqueue(new WorkItem(cluster, WorkKind.Reconcile, type, obj.Namespace, obj.Name));
        }
    }

    public void OnClusterAdded(VirtualCluster cluster)
    {
        Action handler = () => Resync(cluster);
        _resyncHandlers[cluster] = handler;
        cluster.Faults.ReadinessRulesChanged += handler;
        Resync(cluster);
    }

    public void OnClusterRemoved(VirtualCluster cluster)
    {
        if (_resyncHandlers.TryRemove(cluster, out var handler))
        {
            cluster.Faults.ReadinessRulesChanged -= handler;
        }
        ForgetCluster(cluster);
        _activity.TryRemove(cluster, out _);
    }

    /// <summary>Reconciles every object of every controlled kind in a cluster (after restore or a fault rule change).</summary>
    public void Resync(VirtualCluster cluster)
    {
        foreach (var (resource, obj) in cluster.Snapshot())
        {
            var type = cluster.Catalog.AnyVersion(resource);
            if (type is not null && Controllers.Any(c => c.Handles(type)))
            {
                Enqueue(new WorkItem(cluster, WorkKind.Reconcile, type, obj.Namespace, obj.Name));
            }
            if (type?.Kind == "Namespace" && !type.IsCustom)
            {
                Enqueue(new WorkItem(cluster, WorkKind.FinalizeNamespace, null, null, obj.Name));
            }
        }
    }

    /// <summary>
    /// The server listens now: restored management clusters are reconciled again, because the kubeconfig Secrets of
    /// their Cluster API clusters name the server's URL, which may have changed (a restart on another port).
    /// </summary>
    public void OnListening(IEnumerable<VirtualCluster> clusters)
    {
        foreach (var cluster in clusters.Where(c => c.Catalog.FindKind(ClusterApiObjects.CoreGroup, "Cluster") is not null))
        {
            Resync(cluster);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _queue.Writer.TryComplete();
        foreach (var timer in _timers.Keys)
        {
            await timer.DisposeAsync();
        }
        await Task.WhenAll(_workers).ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>
    /// Completes when no work for <paramref name="cluster"/> is queued or running: every commit so far has been reconciled.
    /// Work scheduled for later on the <see cref="TimeProvider"/> (a rollout delay) does not count until it is due.
    /// </summary>
    public Task WhenIdleAsync(VirtualCluster cluster) =>
        _activity.TryGetValue(cluster, out var activity) ? activity.WhenIdle : Task.CompletedTask;

    private void Enqueue(WorkItem item)
    {
        if (_pending.TryAdd(item, 0))
        {
            _activity.GetOrAdd(item.Cluster, _ => new Activity()).Begin();
            if (!_queue.Writer.TryWrite(item))
            {
                Done(item);
            }
        }
    }

    private void Done(WorkItem item)
    {
        if (_activity.TryGetValue(item.Cluster, out var activity))
        {
            activity.End();
        }
    }

    private void EnqueueAfter(WorkItem item, TimeSpan delay)
    {
        ITimer? timer = null;
        timer = _runtime.Time.CreateTimer(_ =>
        {
            if (timer is not null && _timers.TryRemove(timer, out byte _))
            {
                timer.Dispose();
            }
            Enqueue(item);
        }, null, delay, Timeout.InfiniteTimeSpan);
        _timers[timer] = 0;
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                _pending.TryRemove(item, out byte _);
                try
                {
                    Process(item);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogWorkFailed(_logger, ex, item.Cluster.Name, item.Kind, item.Namespace, item.Name);
                }
                finally
                {
                    Done(item); // after Process: a write it made has already enqueued (and counted) the follow-up work
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Server stopping.
        }
    }

    private void Process(WorkItem item)
    {
        switch (item.Kind)
        {
            case WorkKind.Reconcile:
                Reconcile(item);
                break;
            case WorkKind.CollectGarbage:
                CollectGarbage(item.Cluster, item.Name);
                break;
            case WorkKind.FinalizeNamespace:
                FinalizeNamespace(item.Cluster, item.Name);
                break;
            case WorkKind.Related:
                ReconcileRelated(item);
                break;
        }
    }

    private void Reconcile(WorkItem item)
    {
        var type = item.Type!;
        var stored = item.Cluster.Find(type.Key, item.Namespace, item.Name);
        var controller = Controllers.FirstOrDefault(c => c.Handles(type));
        if (stored is null || controller is null || item.Cluster.Catalog.Find(type.Group, type.Version, type.Plural) is null)
        {
            return;
        }
        var obj = JsonUtil.ParseObject(stored.Json);
        var now = _runtime.Time.GetUtcNow();
        var since = now - Observe(item.Cluster, type.Key, stored, obj.Generation(), now);
        var delay = controller.Delay(_runtime.Options.Delays);
        if (since < delay)
        {
            EnqueueAfter(item, delay - since);
        }
        var neverReady = item.Cluster.Faults.IsNeverReady(item.Namespace, item.Name, obj.Images());
        var context = new ControllerContext(item.Cluster, type, obj, since >= delay, neverReady, since,
            (ns, name) => Enqueue(new WorkItem(item.Cluster, WorkKind.Reconcile, type, ns, name)));
        if (controller.Reconcile(context) is { } requeue)
        {
            EnqueueAfter(item, requeue);
        }
    }

    private void ReconcileRelated(WorkItem item)
    {
        foreach (var controller in _related.Where(c => c.Watches(item.Cluster, item.Type!)))
        {
            foreach (var target in controller.Related(item.Cluster, item.Type!, item.Namespace, item.Name))
            {
                Enqueue(new WorkItem(item.Cluster, WorkKind.Reconcile, target.Type, target.Namespace, target.RequiredName));
            }
        }
    }

    /// <summary>Work items queued or running for one cluster, and a task that completes when they reach zero.</summary>
    private sealed class Activity
    {
        private readonly Lock _lock = new();
        private int _count;
        private TaskCompletionSource _idle = Idle();

        public Task WhenIdle
        {
            get
            {
                lock (_lock)
                {
                    return _idle.Task;
                }
            }
        }

        public void Begin()
        {
            lock (_lock)
            {
                if (_count++ == 0)
                {
                    _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }

        public void End()
        {
            lock (_lock)
            {
                if (--_count == 0)
                {
                    _idle.TrySetResult();
                }
            }
        }

        private static TaskCompletionSource Idle()
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.SetResult();
            return done;
        }
    }

    [LoggerMessage(EventId = 4501, Level = LogLevel.Warning, Message = "KubeSim controller work failed: cluster {Cluster}, {Kind} {Namespace}/{Name}")]
    private static partial void LogWorkFailed(ILogger logger, Exception ex, string cluster, WorkKind kind, string? @namespace, string name);
}
