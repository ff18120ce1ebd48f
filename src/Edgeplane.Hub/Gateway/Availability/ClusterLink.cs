namespace Edgeplane.Hub.Gateway.Availability;

/// <summary>
/// The live holder of one cluster's link history on this hub process. Messages only touch
/// <see cref="Touch"/> (one interlocked write, no lock); connects, disconnects and evaluation take the lock.
/// </summary>
internal sealed class ClusterLink
{
    // FlapThreshold is at most 1,000 (GatewayOptions.Validate), so older losses cannot matter.
    private const int MaxLosses = 1_000;

    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _losses = new();
    private long _lastContactTicks;
    private DateTimeOffset? _upSince;
    private DateTimeOffset? _downSince;
    private bool _live;
    private bool _healthFailing;
    private TaskCompletionSource? _contactWaiter;

    internal ClusterLink(string cluster, AvailabilityState? state, DateTimeOffset since, string? reason, string? session, DateTimeOffset downSince)
    {
        Cluster = cluster;
        State = state;
        Since = since;
        Reason = reason;
        Session = session;
        StoredState = state;
        _downSince = downSince;
        _lastContactTicks = downSince.UtcTicks;
    }

    /// <summary>The cluster.</summary>
    public string Cluster { get; }

    /// <summary>The last decided state (null: never seen).</summary>
    public AvailabilityState? State { get; private set; }

    /// <summary>Since when <see cref="State"/> holds.</summary>
    public DateTimeOffset Since { get; private set; }

    /// <summary>Why.</summary>
    public string? Reason { get; private set; }

    /// <summary>The stream that owns the cluster's state (the newest one opened here).</summary>
    public string? Session { get; private set; }

    /// <summary>True while a stream of the cluster is open on this process.</summary>
    public bool Live
    {
        get
        {
            lock (_lock)
            {
                return _live;
            }
        }
    }

    /// <summary>The last state written to the store.</summary>
    internal AvailabilityState? StoredState { get; set; }

    internal DateTimeOffset LastContact => new(Volatile.Read(ref _lastContactTicks), TimeSpan.Zero);

    /// <summary>A message arrived from the agent.</summary>
    public void Touch(DateTimeOffset now)
    {
        // Interlocked, not a volatile write: a waiter publishes itself and then reads the time, and this writes the
        // time and then reads the waiter; only full fences on both sides keep one of them from missing the other.
        Interlocked.Exchange(ref _lastContactTicks, now.UtcTicks);
        if (Volatile.Read(ref _contactWaiter) is not null)
        {
            Interlocked.Exchange(ref _contactWaiter, null)?.TrySetResult();
        }
    }

    /// <summary>
    /// Completes once the last contact is at <paramref name="at"/> or later (a message was read then). Tests that step a
    /// fake clock wait on it: the clock must not run past messages the hub has not read yet, or they count as silence.
    /// </summary>
    internal async Task WhenContactAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        while (LastContact < at)
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiter = Interlocked.CompareExchange(ref _contactWaiter, waiter, null) ?? waiter;
            if (LastContact >= at)
            {
                return; // touched between the check and the publish
            }
            await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal void Connected(string session, DateTimeOffset now)
    {
        lock (_lock)
        {
            Session = session;
            _live = true;
            Touch(now);
            _upSince ??= now;
            _downSince = null;
        }
    }

    /// <summary>The stream <paramref name="session"/> ended; false when a newer stream owns the cluster already.</summary>
    internal bool Disconnected(string session, DateTimeOffset now, bool loss)
    {
        lock (_lock)
        {
            if (Session != session)
            {
                return false;
            }
            _live = false;
            if (_upSince is not null)
            {
                if (loss)
                {
                    _losses.Enqueue(now);
                    if (_losses.Count > MaxLosses)
                    {
                        _losses.Dequeue();
                    }
                }
                _upSince = null;
                _downSince = now;
            }
            return true;
        }
    }

    internal void ReportHealth(bool failing)
    {
        lock (_lock)
        {
            _healthFailing = failing;
        }
    }

    /// <summary>Applies the rules at <paramref name="now"/>; true when the state or reason changed.</summary>
    internal bool Evaluate(DateTimeOffset now, GatewayOptions options)
    {
        lock (_lock)
        {
            var lastContact = LastContact;
            // Silence on an open stream is a loss too: the link went down at the last message.
            if (_live && _upSince is not null && now - lastContact > options.LinkTimeout)
            {
                _losses.Enqueue(now);
                _upSince = null;
                _downSince = lastContact;
            }
            else if (_live && _upSince is null && now - lastContact <= options.LinkTimeout)
            {
                _upSince = lastContact;
                _downSince = null;
            }
            while (_losses.Count > 0 && now - _losses.Peek() > options.FlapWindow)
            {
                _losses.Dequeue();
            }
            var snapshot = new LinkSnapshot(State, Reason, _live, lastContact, _upSince, _downSince, _losses.Count, _healthFailing);
            var (state, reason) = AvailabilityRules.Evaluate(snapshot, now, options);
            if (state == State && reason == Reason)
            {
                return false;
            }
            if (state != State)
            {
                Since = now;
            }
            (State, Reason) = (state, reason);
            return true;
        }
    }

    /// <summary>Ends the cluster's availability at once (revocation): Offline with <paramref name="reason"/>.</summary>
    internal void ForceOffline(DateTimeOffset now, string reason)
    {
        lock (_lock)
        {
            _live = false;
            _upSince = null;
            _downSince = now;
            if (State != AvailabilityState.Offline)
            {
                Since = now;
            }
            (State, Reason) = (AvailabilityState.Offline, reason);
        }
    }
}
