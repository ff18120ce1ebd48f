using Edgeplane.Model.Sources;

namespace Edgeplane.Hub;

/// <summary>Every bound the hub enforces, in one place (documented in docs/hub.md, "Limits").</summary>
public sealed record HubLimits
{
    /// <summary>Most files written when checking out one revision (default 50,000).</summary>
    public int MaxCheckoutFiles { get; init; } = 50_000;

    /// <summary>Most bytes written when checking out one revision (default 512 MiB).</summary>
    public long MaxCheckoutBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Deepest directory nesting of a checkout (default 64).</summary>
    public int MaxCheckoutDepth { get; init; } = 64;

    /// <summary>
    /// Most tree entries (files, folders, symlinks, submodules) met while checking a revision's tree, counting a sub-tree
    /// each time the tree refers to it (default 200,000): a few kilobytes of trees that reuse one sub-tree can describe
    /// billions of paths.
    /// </summary>
    public int MaxCheckoutEntries { get; init; } = 200_000;

    /// <summary>Most symlinks in a revision's tree (default 10,000); each one's target is resolved before anything is written.</summary>
    public int MaxCheckoutSymlinks { get; init; } = 10_000;

    /// <summary>
    /// Bounds on reading the fleet repo of one revision (default <see cref="LoadLimits.Default"/>: 20,000 files, 256 MiB).
    /// The example layout has one file per cluster, so a fleet of more than about 19,900 clusters needs a higher
    /// <see cref="LoadLimits.MaxFiles"/> (and <see cref="MaxCheckoutFiles"/> above 50,000 files).
    /// </summary>
    public LoadLimits FleetLoad { get; init; } = LoadLimits.Default;

    /// <summary>Largest webhook body read (default 5 MiB); larger requests get 413.</summary>
    public int MaxWebhookBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Longest a webhook body may take to arrive (default 30 s); a slower one gets 408.</summary>
    public TimeSpan WebhookReadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most webhook delivery ids remembered for replay protection (default 10,000; the oldest go first).</summary>
    public int MaxRememberedDeliveries { get; init; } = 10_000;

    /// <summary>Default page size of list endpoints (100).</summary>
    public int DefaultPageSize { get; init; } = 100;

    /// <summary>Largest page size a client may ask for (1,000).</summary>
    public int MaxPageSize { get; init; } = 1_000;

    /// <summary>
    /// Largest page of the fleet map (<c>GET /api/v1/fleet/map</c>, default 20,000 and its default page size): a map row
    /// is a few dozen bytes, so a dashboard reads a 10,000-site fleet in one request.
    /// </summary>
    public int MaxMapPageSize { get; init; } = 20_000;

    /// <summary>Most cluster names one fleet map request may ask for with <c>?names=</c> (default 1,000).</summary>
    public int MaxMapNames { get; init; } = 1_000;

    /// <summary>Webhook requests per second per remote address (an IPv6 /64), sustained (default 1); more get 429.</summary>
    public double WebhookRatePerAddress { get; init; } = 1;

    /// <summary>Webhook requests one remote address may send at once before its rate applies (default 20).</summary>
    public int WebhookBurstPerAddress { get; init; } = 20;

    /// <summary>Webhook requests per second from all addresses together, sustained (default 10); more get 429.</summary>
    public double WebhookRate { get; init; } = 10;

    /// <summary>Webhook requests from all addresses together at once before that rate applies (default 100).</summary>
    public int WebhookBurst { get; init; } = 100;

    /// <summary>Most remote addresses the webhook rate limit tracks at once (default 10,000; see PeerRateLimiter).</summary>
    public int MaxWebhookAddresses { get; init; } = 10_000;

    /// <summary>
    /// A revision that would delete more than this share (0–1) of the objects on any cluster is held until approved
    /// (default 0.5; exactly the share is not held; 1 turns the check off). Deleted means an object identity (group,
    /// kind, namespace, name) in the cluster's current desired bundle that is not in the new one.
    /// </summary>
    public double MaxDeletionShare { get; init; } = 0.5;

    /// <summary>Most changed clusters one answer of <c>GET /api/v1/revisions/{sha}/diff</c> details (default 50); the rest are counted and paged.</summary>
    public int DiffMaxClusters { get; init; } = 50;

    /// <summary>Most objects (changed, then added, then removed) a revision diff lists per cluster (default 50); the rest are counted.</summary>
    public int DiffMaxObjects { get; init; } = 50;

    /// <summary>Most changed fields a revision diff lists per object (default 20, as <c>edgeplane diff</c>); the rest are counted.</summary>
    public int DiffMaxFields { get; init; } = 20;

    /// <summary>
    /// Most objects the diff of one cluster (<c>?cluster=</c>) lists (default 5,000, as many as a status report names):
    /// the whole diff of any bundle short of the pathological.
    /// </summary>
    public int DiffClusterMaxObjects { get; init; } = 5_000;

    /// <summary>Most changed fields per object the diff of one cluster (<c>?cluster=</c>) lists (default 1,000).</summary>
    public int DiffClusterMaxFields { get; init; } = 1_000;

    /// <summary>Longest value a revision diff shows, as compact JSON (default 2,000 characters); a longer one is cut and flagged <c>truncated</c>.</summary>
    public int DiffMaxValueChars { get; init; } = 2_000;

    /// <summary>Lifetime of an API token created without a <c>ttl</c> (default 30 days).</summary>
    public TimeSpan DefaultApiTokenTtl { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Longest lifetime an API token may be given (default 365 days); longer <c>ttl</c>s are refused, not cut.</summary>
    public TimeSpan MaxApiTokenTtl { get; init; } = TimeSpan.FromDays(365);
}
