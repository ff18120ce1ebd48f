using Edgeplane.Agent.Identity;
using Edgeplane.Agent.Reconcile;
using Edgeplane.Agent.Status;
using Edgeplane.Kubernetes;
using Edgeplane.Kubernetes.Apply;

namespace Edgeplane.Agent;

/// <summary>
/// How one agent runs: which hub, which cluster, where it keeps its state, and every timing and bound of the reconcile
/// loop and the hub link. Defaults are documented in docs/agent.md ("Limits and timings"); <see cref="Validate"/>
/// refuses values outside their ranges.
/// </summary>
public sealed record AgentOptions
{
    /// <summary>The hub gateway, <c>https://host:port</c>.</summary>
    public required Uri Hub { get; init; }

    /// <summary>The bootstrap token; needed only when the state folder holds no identity (first start, or after revocation).</summary>
    public string? Token { get; init; }

    /// <summary>The state folder: identity, cached bundles, status outbox, checkpoint.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The kubeconfig of the cluster the agent manages.</summary>
    public required string KubeconfigPath { get; init; }

    /// <summary>The kubeconfig context; null uses its current context.</summary>
    public string? KubeContext { get; init; }

    /// <summary>The cluster id the agent expects to be (checked against the token at enrolment); null takes the token's.</summary>
    public string? ExpectedCluster { get; init; }

    /// <summary>How often the applied bundle is checked for drift (default 60 s).</summary>
    public TimeSpan DriftInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long after an apply objects may take to become Current before Ready says HealthCheckTimedOut (default 5 min).</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often health is read while objects are not Current (default 2 s).</summary>
    public TimeSpan HealthPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Ceiling of the first wait before a failed reconcile is retried (default 5 s); doubles per failure. Every back-off
    /// wait is drawn from zero up to its ceiling (full jitter, see <c>Edgeplane.Resilience.Backoff</c>).
    /// </summary>
    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Highest ceiling of the wait between reconcile retries (default 5 min).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Ceiling of the first wait before the hub is dialled again after a lost stream, and before a failed enrolment is
    /// retried (default 1 s); doubles per failure.
    /// </summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Highest ceiling of the wait between reconnect (and enrolment) attempts (default 2 min).</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// When the hub says when to come back (<c>retry_after</c> in a Goodbye), the agent waits that long plus up to this
    /// fraction of it more (default 0.2), so refused agents do not return together.
    /// </summary>
    public double JitterFraction { get; init; } = 0.2;

    /// <summary>Heartbeat interval used when the hub's Welcome names none (default 30 s).</summary>
    public TimeSpan DefaultHeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for the hub's Welcome after Hello (default 30 s).</summary>
    public TimeSpan WelcomeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest one FetchBundle call may take (default 5 min, wall clock); a broken download resumes.</summary>
    public TimeSpan BundleFetchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Bounds of the status outbox.</summary>
    public StatusOutboxOptions Outbox { get; init; } = new();

    /// <summary>Certificate renewal timing.</summary>
    public RenewalOptions Renewal { get; init; } = new();

    /// <summary>Timeouts and retries of calls to the cluster's API server.</summary>
    public ClusterConnectionOptions Cluster { get; init; } = new();

    /// <summary>How bundles are applied.</summary>
    public ApplierOptions Applier { get; init; } = new();

    /// <summary>Shared bound on concurrent reconciles when several agents share a process; null gives the agent its own single slot.</summary>
    public ReconcileGate? Gate { get; init; }

    /// <summary>The version reported to the hub.</summary>
    public string AgentVersion { get; init; } = AgentInfo.Version;

    /// <summary>Throws <see cref="ArgumentException"/> listing every setting that is out of bounds.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Hub is null || !Hub.IsAbsoluteUri || Hub.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"hub URL '{Hub}' must be an absolute https:// URL");
        }
        if (string.IsNullOrWhiteSpace(StateDirectory))
        {
            errors.Add("the state folder is empty");
        }
        if (string.IsNullOrWhiteSpace(KubeconfigPath))
        {
            errors.Add("the kubeconfig path is empty");
        }
        Check(errors, nameof(DriftInterval), DriftInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1));
        Check(errors, nameof(HealthTimeout), HealthTimeout, TimeSpan.Zero, TimeSpan.FromHours(6));
        Check(errors, nameof(HealthPollInterval), HealthPollInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10));
        Check(errors, nameof(RetryInitialDelay), RetryInitialDelay, TimeSpan.FromMilliseconds(10), RetryMaxDelay);
        Check(errors, nameof(RetryMaxDelay), RetryMaxDelay, RetryInitialDelay, TimeSpan.FromHours(1));
        Check(errors, nameof(ReconnectInitialDelay), ReconnectInitialDelay, TimeSpan.FromMilliseconds(10), ReconnectMaxDelay);
        Check(errors, nameof(ReconnectMaxDelay), ReconnectMaxDelay, ReconnectInitialDelay, TimeSpan.FromHours(1));
        Check(errors, nameof(DefaultHeartbeatInterval), DefaultHeartbeatInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        Check(errors, nameof(WelcomeTimeout), WelcomeTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        Check(errors, nameof(BundleFetchTimeout), BundleFetchTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        if (JitterFraction is < 0 or > 1)
        {
            errors.Add($"{nameof(JitterFraction)} is {JitterFraction}; it must be between 0 and 1");
        }
        if (Outbox.MaxReports < 1 || Outbox.MaxBytes < 1024)
        {
            errors.Add("the status outbox must hold at least 1 report and 1 KiB");
        }
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid agent options: " + string.Join("; ", errors));
        }
    }

    private static void Check(List<string> errors, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} is {value}; it must be between {min} and {max}");
        }
    }
}
