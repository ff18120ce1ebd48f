namespace Edgeplane.Hub.Gateway.Admission;

/// <summary>
/// One <see cref="TokenBucket"/> per peer (a cluster id or a remote address, see <see cref="PeerAddress"/>), on the
/// injected clock: each peer may make <c>burst</c> calls at once, then <c>rate</c> per second. Memory is bounded: at
/// most <c>maxPeers</c> buckets; a bucket that has refilled is forgotten (a full bucket and no bucket are the same), and
/// when every tracked peer is still draining, new peers share one overflow bucket of the same rate until a sweep
/// (at most once a second) frees room. So a flood from more addresses than <c>maxPeers</c> slows new peers down, never
/// the hub, and never a peer already tracked. Thread-safe.
/// </summary>
internal sealed class PeerRateLimiter
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly TokenBucket _overflow;
    private long _lastSweep;

    /// <summary>A limiter with no peer tracked yet.</summary>
    public PeerRateLimiter(double ratePerSecond, int burst, int maxPeers, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPeers);
        ArgumentNullException.ThrowIfNull(time);
        Rate = ratePerSecond;
        Burst = burst;
        MaxPeers = maxPeers;
        _time = time;
        _overflow = new TokenBucket(ratePerSecond, burst, time);
        _lastSweep = time.GetTimestamp();
    }

    /// <summary>Calls per second per peer, sustained.</summary>
    public double Rate { get; }

    /// <summary>Calls a peer may make at once.</summary>
    public int Burst { get; }

    /// <summary>Most peers tracked at once.</summary>
    public int MaxPeers { get; }

    /// <summary>Peers tracked now (for tests and metrics).</summary>
    public int TrackedPeers
    {
        get
        {
            lock (_lock)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>
    /// Takes one call from <paramref name="peer"/>'s bucket; false, with how long until its next token, when it is empty.
    /// </summary>
    public bool TryTake(string peer, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(peer);
        TokenBucket bucket;
        lock (_lock)
        {
            bucket = Find(peer);
        }
        return bucket.TryTake(out retryAfter);
    }

    private TokenBucket Find(string peer)
    {
        if (_buckets.TryGetValue(peer, out var bucket))
        {
            return bucket;
        }
        if (_buckets.Count >= MaxPeers && !Sweep())
        {
            return _overflow;
        }
        bucket = new TokenBucket(Rate, Burst, _time);
        _buckets.Add(peer, bucket);
        return bucket;
    }

    // Forgets refilled buckets; rate-limited itself, so a flood of new peers cannot make every call walk the table.
    private bool Sweep()
    {
        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(_lastSweep, now) < SweepInterval)
        {
            return false;
        }
        _lastSweep = now;
        foreach (var (peer, bucket) in _buckets)
        {
            if (bucket.IsFull)
            {
                _buckets.Remove(peer);
            }
        }
        return _buckets.Count < MaxPeers;
    }
}
