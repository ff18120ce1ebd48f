namespace Edgeplane.Hub;

/// <summary>How a hub runs: where the fleet repo is, where it keeps data, which store, where it listens.</summary>
public sealed record HubOptions
{
    /// <summary>
    /// The fleet repo: a local path or a Git URL (file://, https://, ssh). A password in the URL is taken out of it
    /// when the hub is built (it becomes <see cref="RepoCredentials"/>), so it is never shown; prefer
    /// <see cref="RepoCredentials"/> anyway: a command line is visible to every local user.
    /// </summary>
    public required string Repo { get; init; }

    /// <summary>The branch whose head is desired (default <c>main</c>).</summary>
    public string Branch { get; init; } = "main";

    /// <summary>Folder for the SQLite database, the Git mirror and checkouts (default <c>.edgeplane-hub</c>).</summary>
    public string DataDirectory { get; init; } = ".edgeplane-hub";

    /// <summary><c>sqlite</c> (default), <c>sqlite:PATH</c>, <c>postgres://…</c> or an Npgsql connection string.</summary>
    public string? Store { get; init; }

    /// <summary>
    /// REST API / metrics / webhook address, e.g. <c>http://127.0.0.1:8080</c> or <c>https://0.0.0.0:8443</c> (see
    /// <see cref="TlsCertificateFile"/>); port 0 picks a free one.
    /// </summary>
    public string Listen { get; init; } = "http://127.0.0.1:8080";

    /// <summary>
    /// The agent gateway's address (gRPC over HTTP/2 with mutual TLS, its own listener), e.g. <c>https://0.0.0.0:7443</c>;
    /// port 0 picks a free one. Null: no gateway (the REST API still creates tokens and revokes clusters).
    /// </summary>
    public string? GatewayListen { get; init; }

    /// <summary>
    /// Names and addresses agents use to reach the gateway, put in its server certificate (also served by an https REST
    /// listener without certificate files); null: localhost, 127.0.0.1 and ::1.
    /// </summary>
    public IReadOnlyList<string>? GatewayHostNames { get; init; }

    /// <summary>
    /// The URL agents dial to reach the gateway, <c>https://host:port</c>: written into the install manifests of the
    /// Cluster API join Secrets and advertised in bootstrap token answers (<c>gatewayUrl</c>). Null: the gateway's listen
    /// address with the port it bound, when its host is an address or <c>localhost</c>; for a wildcard host, the first of
    /// <see cref="GatewayHostNames"/> when they are given; otherwise the hub advertises none.
    /// </summary>
    public string? GatewayUrl { get; init; }

    /// <summary>
    /// Lifetime of the single-use bootstrap token the hub mints for a provisioned cluster's join Secret (default 2 h;
    /// 1 minute to 7 days). One that expires unused is replaced by a fresh one.
    /// </summary>
    public TimeSpan JoinTokenTtl { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Gateway timings and bounds (heartbeats, availability hysteresis, admission, queues, caches).</summary>
    public GatewayOptions Gateway { get; init; } = new();

    /// <summary>How often the repo is fetched without a webhook (default 60 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest one fetch may take before it is abandoned (default 2 min).</summary>
    public TimeSpan GitTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Most commits recorded from one fetch (newest first; default 200).</summary>
    public int MaxCommitsPerFetch { get; init; } = 200;

    /// <summary>Shared secret for webhooks (HMAC key for GitHub/Gitea, token for GitLab); null rejects every webhook.</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>How long webhook delivery ids are remembered to reject replays (default 1 h).</summary>
    public TimeSpan WebhookReplayWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long <c>GET /api/v1/events</c> gathers changes after the first before it sends them, so a burst is one event
    /// per kind (default 150 ms; zero sends at once).
    /// </summary>
    public TimeSpan EventCoalesce { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>A cluster whose agent was not seen for this long counts as offline (default 5 min).</summary>
    public TimeSpan OfflineAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Size and count limits.</summary>
    public HubLimits Limits { get; init; } = new();

    /// <summary>Called once, with the clear text, when the first admin token is created (the CLI prints it).</summary>
    public Action<string>? AdminTokenCreated { get; init; }

    /// <summary>How the hub authenticates to the repo (HTTPS user and password, or SSH key and known hosts); null: none.</summary>
    public RepoCredentials? RepoCredentials { get; init; }

    /// <summary>
    /// PEM certificate (then any intermediates) the REST listener serves when <see cref="Listen"/> is <c>https://</c>;
    /// with <see cref="TlsKeyFile"/>. Null: the hub CA issues one for <see cref="GatewayHostNames"/>.
    /// </summary>
    public string? TlsCertificateFile { get; init; }

    /// <summary>The unencrypted PEM private key of <see cref="TlsCertificateFile"/>.</summary>
    public string? TlsKeyFile { get; init; }

    /// <summary>How the rollout engine paces itself.</summary>
    public RolloutOptions Rollouts { get; init; } = new();

    /// <summary>OpenID Connect JWTs accepted by the REST API beside API tokens; null (default): API tokens only.</summary>
    public OidcOptions? Oidc { get; init; }

    /// <summary>How long the audit log keeps entries and how many (default 90 days, at most 1,000,000).</summary>
    public AuditOptions Audit { get; init; } = new();
}
