namespace Edgeplane.Hub;

/// <summary>
/// Timings and bounds of the agent gateway. Defaults and the rules they drive are documented in docs/gateway.md;
/// <see cref="Validate"/> refuses values outside the documented ranges.
/// </summary>
public sealed record GatewayOptions
{
    /// <summary>How often agents send a heartbeat (told in Welcome; default 15 s).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Silence on a stream after which the link counts as lost (default 2 heartbeats: one missed one is a blip).</summary>
    public TimeSpan LinkTimeout => HeartbeatInterval * 2;

    /// <summary>An Online cluster whose link is down this long becomes Degraded (default 30 s).</summary>
    public TimeSpan DegradedAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A cluster whose link is down this long becomes Offline (default 90 s = 6 heartbeats).</summary>
    public TimeSpan OfflineAfter { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>A Degraded cluster becomes Online once its link has been up without a loss this long (default 30 s).</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>This many link losses within <see cref="FlapWindow"/> make a cluster Degraded however short each was (default 3).</summary>
    public int FlapThreshold { get; init; } = 3;

    /// <summary>The window link losses are counted in (default 5 min).</summary>
    public TimeSpan FlapWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often availability is evaluated and connection state is written (default 1 s).</summary>
    public TimeSpan EvaluateInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>New Connect streams admitted per second, sustained (default 500).</summary>
    public double ConnectRate { get; init; } = 500;

    /// <summary>New Connect streams admitted at once before the rate applies (default 1,000).</summary>
    public int ConnectBurst { get; init; } = 1_000;

    /// <summary>Default TLS handshakes in flight per processor core (see <see cref="MaxConcurrentHandshakes"/>).</summary>
    public const int HandshakesPerCore = 8;

    /// <summary>Largest accepted <see cref="MaxConcurrentHandshakes"/>.</summary>
    public const int MaxConcurrentHandshakesLimit = 4_096;

    /// <summary>Largest accepted <see cref="MaxQueuedHandshakes"/>.</summary>
    public const int MaxQueuedHandshakesLimit = 100_000;

    /// <summary>
    /// Most TLS handshakes in progress at once on the gateway listener; a new connection waits for one to finish
    /// (default <see cref="HandshakesPerCore"/> × the processor count, 1 to <see cref="MaxConcurrentHandshakesLimit"/>).
    /// This, not the rate, is what keeps a storm from collapsing the hub: it can never have more handshakes under way
    /// than its cores finish well within Kestrel's handshake timeout, however slow each one gets.
    /// </summary>
    public int MaxConcurrentHandshakes { get; init; } = HandshakesPerCore * Environment.ProcessorCount;

    /// <summary>TLS handshakes started per second on the gateway listener, sustained (default 500; a cap on top of the concurrency bound).</summary>
    public double HandshakeRate { get; init; } = 500;

    /// <summary>TLS handshakes started at once before the rate applies (default 500).</summary>
    public int HandshakeBurst { get; init; } = 500;

    /// <summary>
    /// Longest a new connection waits for a handshake slot (rate and concurrency together) before it is closed; one
    /// that is expected to wait longer is closed at once (default 10 s, 0 to 1 min: keep it below the agents' connect
    /// timeout of 15 s, which covers the wait and the handshake).
    /// </summary>
    public TimeSpan MaxHandshakeWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most connections waiting for a handshake slot; more are closed at once (default 2,000, 0 to <see cref="MaxQueuedHandshakesLimit"/>).</summary>
    public int MaxQueuedHandshakes { get; init; } = 2_000;

    /// <summary>Upper bound of the random jitter added to every retry hint (default 5 s).</summary>
    public TimeSpan RetryJitter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Retry hint in the Goodbye sent when the hub shuts down (plus jitter; default 2 s).</summary>
    public TimeSpan ShutdownRetryAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait for the agent's Hello after the stream opens (default 30 s).</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Status reports waiting to be stored before readers wait (back-pressure; default 20,000).</summary>
    public int StatusQueueCapacity { get; init; } = 20_000;

    /// <summary>Most status reports stored in one transaction (default 1,000).</summary>
    public int StatusBatchSize { get; init; } = 1_000;

    /// <summary>Bytes of gzipped bundles kept in memory (LRU; default 256 MiB).</summary>
    public long BundleCacheBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>How many earlier targets of a cluster it may still fetch, besides the current one (default 3).</summary>
    public int RecentTargetsPerCluster { get; init; } = 3;

    /// <summary>Throws <see cref="ArgumentException"/> listing every setting that is out of bounds.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        Check(errors, nameof(HeartbeatInterval), HeartbeatInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        Check(errors, nameof(DegradedAfter), DegradedAfter, TimeSpan.Zero, OfflineAfter);
        Check(errors, nameof(OfflineAfter), OfflineAfter, LinkTimeout, TimeSpan.FromDays(1));
        Check(errors, nameof(StableAfter), StableAfter, TimeSpan.Zero, TimeSpan.FromHours(1));
        Check(errors, nameof(FlapWindow), FlapWindow, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Check(errors, nameof(EvaluateInterval), EvaluateInterval, TimeSpan.FromMilliseconds(10), HeartbeatInterval);
        Check(errors, nameof(MaxHandshakeWait), MaxHandshakeWait, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Check(errors, nameof(RetryJitter), RetryJitter, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        Check(errors, nameof(HelloTimeout), HelloTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        if (FlapThreshold is < 1 or > 1000)
        {
            errors.Add($"{nameof(FlapThreshold)} is {FlapThreshold}; it must be between 1 and 1000");
        }
        if (ConnectRate <= 0 || HandshakeRate <= 0 || ConnectBurst < 1 || HandshakeBurst < 1)
        {
            errors.Add("admission rates must be > 0 and bursts >= 1");
        }
        if (MaxConcurrentHandshakes is < 1 or > MaxConcurrentHandshakesLimit)
        {
            errors.Add($"{nameof(MaxConcurrentHandshakes)} is {MaxConcurrentHandshakes}; it must be between 1 and {MaxConcurrentHandshakesLimit}");
        }
        if (MaxQueuedHandshakes is < 0 or > MaxQueuedHandshakesLimit)
        {
            errors.Add($"{nameof(MaxQueuedHandshakes)} is {MaxQueuedHandshakes}; it must be between 0 and {MaxQueuedHandshakesLimit}");
        }
        if (StatusQueueCapacity < 1 || StatusBatchSize < 1 || BundleCacheBytes < 0 || RecentTargetsPerCluster is < 0 or > 64)
        {
            errors.Add("status queue and batch must be >= 1, bundle cache >= 0, recent targets 0..64");
        }
        CheckPeerRates(errors);
        Check(errors, nameof(InstanceLeaseTimeout), InstanceLeaseTimeout, HeartbeatInterval * 2, TimeSpan.FromDays(1));
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid gateway options: " + string.Join("; ", errors));
        }
    }

    private static void Check(List<string> errors, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} is {value}; it must be between {min} and {max}");
        }
    }

    /// <summary>Discover and Enroll calls per second per remote address (an IPv6 /64), sustained (default 5).</summary>
    public double EnrollRate { get; init; } = 5;

    /// <summary>Discover and Enroll calls one remote address may make at once (default 50: 25 agents enrolling behind one NAT).</summary>
    public int EnrollBurst { get; init; } = 50;

    /// <summary>Renew calls per second per cluster, sustained (default 1 a minute; agents renew once per half-life).</summary>
    public double RenewRate { get; init; } = 1.0 / 60;

    /// <summary>Renew calls one cluster may make at once (default 5).</summary>
    public int RenewBurst { get; init; } = 5;

    /// <summary>FetchBundle calls per second per cluster, sustained (default 1 every 5 s).</summary>
    public double FetchBundleRate { get; init; } = 0.2;

    /// <summary>FetchBundle calls one cluster may make at once (default 20).</summary>
    public int FetchBundleBurst { get; init; } = 20;

    /// <summary>Most peers (clusters or addresses) tracked by each per-peer limit (default 100,000; 1 to 10,000,000).</summary>
    public int MaxRateLimitedPeers { get; init; } = 100_000;

    private void CheckPeerRates(List<string> errors)
    {
        if (EnrollRate <= 0 || RenewRate <= 0 || FetchBundleRate <= 0 || EnrollBurst < 1 || RenewBurst < 1 || FetchBundleBurst < 1)
        {
            errors.Add("per-peer rates (EnrollRate, RenewRate, FetchBundleRate) must be > 0 and their bursts >= 1");
        }
        if (MaxRateLimitedPeers is < 1 or > 10_000_000)
        {
            errors.Add($"{nameof(MaxRateLimitedPeers)} is {MaxRateLimitedPeers}; it must be between 1 and 10000000");
        }
    }

    /// <summary>
    /// A hub process renews its lease every <see cref="HeartbeatInterval"/>; once it has not for this long, the links it
    /// served are <c>Unknown</c> and another replica may sweep them (default 3 heartbeats = 45 s; 2 heartbeats to 1 day).
    /// </summary>
    public TimeSpan InstanceLeaseTimeout
    {
        get => _instanceLeaseTimeout ?? HeartbeatInterval * 3;
        init => _instanceLeaseTimeout = value;
    }

    private readonly TimeSpan? _instanceLeaseTimeout;
}
