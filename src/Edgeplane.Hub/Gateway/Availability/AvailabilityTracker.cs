using System.Collections.Concurrent;
using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Gateway.Availability;

/// <summary>
/// Every cluster's link on this hub process, and the connection-state writes waiting for the next flush by
/// <see cref="AvailabilityMonitor"/>. Sessions report connects, messages (through their <see cref="ClusterLink"/>),
/// health and disconnects; the monitor evaluates and stores.
/// </summary>
internal sealed class AvailabilityTracker(GatewayOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ClusterLink> _links = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AgentClaim> _claims = new();

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Raised after a flush stored availability changes (for tests and logs).</summary>
    public event Action<IReadOnlyList<AvailabilityChange>>? Stored;

    /// <summary>Raised after every evaluation tick, whether or not it wrote anything (tests advance a fake clock by it).</summary>
    public event Action? Ticked;

    /// <summary>Completes once the monitor loaded the stored states and its timer runs.</summary>
    public Task Started => _started.Task;

    internal void MarkStarted() => _started.TrySetResult();

    internal void OnTicked() => Ticked?.Invoke();

    /// <summary>The link of <paramref name="cluster"/>, if this process knows it.</summary>
    public ClusterLink? Find(string cluster) => _links.GetValueOrDefault(cluster);

    /// <summary>Clusters this process tracks.</summary>
    public int Count => _links.Count;

    /// <summary>
    /// Loads the stored states at start (those no other live hub instance serves): their links count as down since
    /// <paramref name="start"/> (the hub's own downtime is not the site's).
    /// </summary>
    public void Load(IEnumerable<StoredAvailability> stored, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(stored);
        foreach (var s in stored)
        {
            if (Enum.TryParse<AvailabilityState>(s.Availability, out var state))
            {
                _links.TryAdd(s.Cluster, new ClusterLink(s.Cluster, state, new DateTimeOffset(s.Since, TimeSpan.Zero), s.Reason, s.Session, start));
            }
        }
    }

    /// <summary>A stream of <paramref name="cluster"/> opened: it owns the cluster's state from now on.</summary>
    public ClusterLink Connected(string cluster, string session, string? agentVersion)
    {
        var now = time.GetUtcNow();
        var link = _links.GetOrAdd(cluster, c => new ClusterLink(c, null, now, null, null, now));
        link.Connected(session, now);
        _claims.Enqueue(new AgentClaim(cluster, session, agentVersion, now.UtcDateTime));
        return link;
    }

    /// <summary>
    /// The stream ended. <paramref name="loss"/>: the agent or the network ended it (counts towards flapping), not the
    /// hub (superseded, shutdown).
    /// </summary>
    public void Disconnected(ClusterLink link, string session, bool loss)
    {
        ArgumentNullException.ThrowIfNull(link);
        link.Disconnected(session, time.GetUtcNow(), loss);
    }

    /// <summary>The cluster was revoked: Offline at once.</summary>
    public void Revoked(string cluster)
    {
        if (_links.TryGetValue(cluster, out var link))
        {
            link.ForceOffline(time.GetUtcNow(), "Revoked");
        }
    }

    /// <summary>Evaluates every link; returns the changes to store and the claims since the last call.</summary>
    internal (List<AgentClaim> Claims, List<AvailabilityChange> Changes) Collect(DateTimeOffset now)
    {
        var claims = new List<AgentClaim>();
        while (_claims.TryDequeue(out var claim))
        {
            claims.Add(claim);
        }
        var changes = new List<AvailabilityChange>();
        foreach (var link in _links.Values)
        {
            link.Evaluate(now, options);
            if (link.State is { } state && state != link.StoredState && link.Session is { } session)
            {
                changes.Add(new AvailabilityChange(link.Cluster, session, state.ToString(), link.Since.UtcDateTime, link.Reason ?? ""));
            }
        }
        return (claims, changes);
    }

    /// <summary>
    /// Forgets what was stored: the next <see cref="Collect"/> writes every link's state again (after another replica swept
    /// this process's lease and marked its links Unknown).
    /// </summary>
    internal void Reassert()
    {
        foreach (var link in _links.Values)
        {
            link.StoredState = null;
        }
    }

    /// <summary>Puts claims back after a failed write, ahead of newer ones.</summary>
    internal void Requeue(List<AgentClaim> claims)
    {
        var newer = new List<AgentClaim>();
        while (_claims.TryDequeue(out var claim))
        {
            newer.Add(claim);
        }
        foreach (var claim in claims.Concat(newer))
        {
            _claims.Enqueue(claim);
        }
    }

    /// <summary>Clusters with an open stream heard from since <paramref name="since"/>.</summary>
    internal List<string> SeenSince(DateTimeOffset since) =>
        _links.Values.Where(l => l.LastContact > since && l.Live).Select(l => l.Cluster).ToList();

    /// <summary>Marks changes stored; forgets links another stream (on another replica) owns now.</summary>
    internal void MarkStored(IReadOnlyList<AvailabilityChange> changes, IReadOnlyList<string> refused)
    {
        var refusedSet = refused.ToHashSet(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (!_links.TryGetValue(change.Cluster, out var link))
            {
                continue;
            }
            if (refusedSet.Contains(change.Cluster))
            {
                if (!link.Live)
                {
                    _links.TryRemove(new KeyValuePair<string, ClusterLink>(change.Cluster, link));
                }
                continue;
            }
            link.StoredState = Enum.Parse<AvailabilityState>(change.Availability);
        }
        Stored?.Invoke(changes.Where(c => !refusedSet.Contains(c.Cluster)).ToList());
    }
}
