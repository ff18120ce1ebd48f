using System.Collections.Concurrent;

namespace Edgeplane.Hub.Events;

/// <summary>
/// What changed in the fleet, for live views (the dashboard's <c>GET /api/v1/events</c>): which clusters' records, which
/// revisions, which rollout runs, and that the audit log grew. A hint, never the data: a subscriber re-reads what it
/// shows through the REST API. Each subscriber accumulates names until it takes them, so a burst (10,000 status reports)
/// costs one set per subscriber, not one message per change; past <see cref="MaxPendingPerSubscriber"/> names it is told to
/// re-read everything instead (<see cref="FleetChanges.Reset"/>).
/// </summary>
internal sealed class FleetEvents
{
    /// <summary>Live subscribers at most (an open dashboard tab is one).</summary>
    public const int MaxSubscribers = 1000;

    /// <summary>Distinct names a subscriber may have pending before it is sent a reset instead.</summary>
    public const int MaxPendingPerSubscriber = 10_000;

    private readonly ConcurrentDictionary<FleetEventSubscription, byte> _subscribers = new();

    /// <summary>Live subscribers now.</summary>
    public int SubscriberCount => _subscribers.Count;

    /// <summary>
    /// A new subscriber, or null when <see cref="MaxSubscribers"/> are open. Dispose it to stop. With
    /// <paramref name="localOnly"/>, it hears only of changes this hub made (what a relay to other replicas sends on).
    /// </summary>
    public FleetEventSubscription? Subscribe(bool localOnly = false)
    {
        if (_subscribers.Count >= MaxSubscribers)
        {
            return null;
        }
        var subscription = new FleetEventSubscription(MaxPendingPerSubscriber, localOnly, s => _subscribers.TryRemove(s, out _));
        _subscribers[subscription] = 0;
        return subscription;
    }

    /// <summary>
    /// These clusters' records changed (status, health, drift, link, lifecycle, targets). <paramref name="remote"/>: every
    /// replica knows already (another replica announced it, or it came through a channel all of them hear): not relayed.
    /// </summary>
    public void ClustersChanged(IEnumerable<string> names, bool remote = false) => AddToAll(FleetEventKind.Clusters, names, remote);

    /// <summary>These revisions changed (new, processed, approved).</summary>
    public void RevisionsChanged(IEnumerable<string> shas, bool remote = false) => AddToAll(FleetEventKind.Revisions, shas, remote);

    /// <summary>These rollout runs changed.</summary>
    public void RolloutsChanged(IEnumerable<long> ids, bool remote = false)
    {
        var list = ids.ToList();
        if (list.Count == 0)
        {
            return;
        }
        foreach (var subscriber in Hearing(remote))
        {
            subscriber.AddRollouts(list);
        }
    }

    /// <summary>The audit log grew.</summary>
    public void AuditAppended(bool remote = false)
    {
        foreach (var subscriber in Hearing(remote))
        {
            subscriber.Add(FleetEventKind.Audit, []);
        }
    }

    /// <summary>Every subscriber must re-read everything (changes may have been missed).</summary>
    public void Reset(bool remote = false)
    {
        foreach (var subscriber in Hearing(remote))
        {
            subscriber.MarkReset();
        }
    }

    private IEnumerable<FleetEventSubscription> Hearing(bool remote) => _subscribers.Keys.Where(s => !(remote && s.LocalOnly));

    private void AddToAll(FleetEventKind kind, IEnumerable<string> keys, bool remote)
    {
        var list = keys as IReadOnlyCollection<string> ?? keys.ToList();
        if (list.Count == 0)
        {
            return;
        }
        foreach (var subscriber in Hearing(remote))
        {
            subscriber.Add(kind, list);
        }
    }
}

/// <summary>The kinds of change a live view is told about.</summary>
internal enum FleetEventKind
{
    Clusters,
    Revisions,
    Audit,
}

/// <summary>What changed since a subscriber last looked; <see cref="Reset"/> means: re-read everything.</summary>
internal sealed record FleetChanges(
    IReadOnlySet<string> Clusters, IReadOnlySet<string> Revisions, IReadOnlySet<long> Rollouts, bool Audit, bool Reset)
{
    public bool IsEmpty => !Reset && !Audit && Clusters.Count == 0 && Revisions.Count == 0 && Rollouts.Count == 0;
}

/// <summary>One subscriber's pending changes, and a signal that some arrived.</summary>
internal sealed class FleetEventSubscription : IDisposable
{
    private readonly Lock _lock = new();
    private readonly int _limit;
    private readonly Action<FleetEventSubscription> _onDispose;
    private HashSet<string> _clusters = new(StringComparer.Ordinal);
    private HashSet<string> _revisions = new(StringComparer.Ordinal);
    private HashSet<long> _rollouts = [];
    private bool _audit;
    private bool _reset;
    private TaskCompletionSource _signal = NewSignal();

    internal FleetEventSubscription(int limit, bool localOnly, Action<FleetEventSubscription> onDispose)
    {
        _limit = limit;
        LocalOnly = localOnly;
        _onDispose = onDispose;
    }

    /// <summary>True when it hears only of changes this hub made.</summary>
    public bool LocalOnly { get; }

    /// <summary>Completes when a change is pending (at once if one is).</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _signal.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Takes what is pending and starts collecting afresh.</summary>
    public FleetChanges Take()
    {
        lock (_lock)
        {
            var changes = _reset
                ? new FleetChanges(new HashSet<string>(), new HashSet<string>(), new HashSet<long>(), Audit: true, Reset: true)
                : new FleetChanges(_clusters, _revisions, _rollouts, _audit, Reset: false);
            _clusters = new HashSet<string>(StringComparer.Ordinal);
            _revisions = new HashSet<string>(StringComparer.Ordinal);
            _rollouts = [];
            _audit = false;
            _reset = false;
            if (_signal.Task.IsCompleted)
            {
                _signal = NewSignal();
            }
            return changes;
        }
    }

    internal void Add(FleetEventKind kind, IReadOnlyCollection<string> keys)
    {
        lock (_lock)
        {
            if (!_reset)
            {
                switch (kind)
                {
                    case FleetEventKind.Clusters:
                        _clusters.UnionWith(keys);
                        break;
                    case FleetEventKind.Revisions:
                        _revisions.UnionWith(keys);
                        break;
                    case FleetEventKind.Audit:
                        _audit = true;
                        break;
                }
                LimitPending();
            }
            _signal.TrySetResult();
        }
    }

    internal void AddRollouts(IReadOnlyCollection<long> ids)
    {
        lock (_lock)
        {
            if (!_reset)
            {
                _rollouts.UnionWith(ids);
                LimitPending();
            }
            _signal.TrySetResult();
        }
    }

    private void LimitPending()
    {
        if (_clusters.Count + _revisions.Count + _rollouts.Count > _limit)
        {
            _reset = true;
        }
    }

    internal void MarkReset()
    {
        lock (_lock)
        {
            _reset = true;
            _signal.TrySetResult();
        }
    }

    public void Dispose() => _onDispose(this);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
