using System.Collections.Immutable;

namespace Edgeplane.KubeSim.Faults;

/// <summary>
/// Failure injection for one virtual cluster, settable at runtime from tests (C#) or the admin endpoint.
/// Request faults count down per Kubernetes API request to the cluster (the admin endpoint is never affected);
/// readiness faults keep the simulated controllers from reporting matching objects ready; Cluster API faults make the
/// provisioning of the Cluster objects this cluster manages fail or hang (<c>ClusterFaults.ClusterApi.cs</c>).
/// </summary>
public sealed partial class ClusterFaults
{
    private readonly Lock _sync = new();
    private int _throttleRemaining;
    private int _throttleRetryAfter = 1;
    private int _errorsRemaining;
    private int _errorStatus = 500;
    private ImmutableHashSet<string> _neverReadyImages = ImmutableHashSet<string>.Empty;
    private ImmutableHashSet<string> _neverReadyNames = ImmutableHashSet<string>.Empty;
    private volatile bool _unreachable;

    /// <summary>Raised after readiness rules change, so controllers re-evaluate every object.</summary>
    internal event Action? ReadinessRulesChanged;

    /// <summary>Raised when the cluster becomes unreachable, so open watches are cut.</summary>
    internal event Action? BecameUnreachable;

    /// <summary>While true every request to the cluster has its connection closed without an answer.</summary>
    public bool Unreachable
    {
        get => _unreachable;
        set
        {
            _unreachable = value;
            if (value)
            {
                BecameUnreachable?.Invoke();
            }
        }
    }

    public IReadOnlySet<string> NeverReadyImages => _neverReadyImages;

    public IReadOnlySet<string> NeverReadyNames => _neverReadyNames;

    public int PendingThrottles { get { lock (_sync) { return _throttleRemaining; } } }

    public int PendingErrors { get { lock (_sync) { return _errorsRemaining; } } }

    /// <summary>The next <paramref name="requests"/> requests get 429 TooManyRequests with a Retry-After header.</summary>
    public void ThrottleNext(int requests, int retryAfterSeconds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        lock (_sync)
        {
            _throttleRemaining = requests;
            _throttleRetryAfter = retryAfterSeconds;
        }
    }

    /// <summary>The next <paramref name="requests"/> requests fail with <paramref name="statusCode"/> (500 or 503).</summary>
    public void FailNext(int requests, int statusCode = 500)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        if (statusCode is not (500 or 502 or 503 or 504))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "use 500, 502, 503 or 504");
        }
        lock (_sync)
        {
            _errorsRemaining = requests;
            _errorStatus = statusCode;
        }
    }

    /// <summary>Workloads using this image never become ready. Without a tag or digest it matches every tag.</summary>
    public void NeverReadyImage(string image) => Change(() => ImmutableInterlocked.Update(ref _neverReadyImages, s => s.Add(image)));

    /// <summary>Objects with this name (or <c>namespace/name</c>) never become ready.</summary>
    public void NeverReadyName(string name) => Change(() => ImmutableInterlocked.Update(ref _neverReadyNames, s => s.Add(name)));

    public void AllowImage(string image) => Change(() => ImmutableInterlocked.Update(ref _neverReadyImages, s => s.Remove(image)));

    public void AllowName(string name) => Change(() => ImmutableInterlocked.Update(ref _neverReadyNames, s => s.Remove(name)));

    /// <summary>Removes every fault: request faults, unreachability and readiness rules.</summary>
    public void Clear()
    {
        lock (_sync)
        {
            _throttleRemaining = 0;
            _errorsRemaining = 0;
        }
        _unreachable = false;
        Change(() =>
        {
            _neverReadyImages = ImmutableHashSet<string>.Empty;
            _neverReadyNames = ImmutableHashSet<string>.Empty;
            _provisioningFailures = ImmutableDictionary<string, string>.Empty;
            _neverReadyControlPlanes = ImmutableHashSet<string>.Empty;
        });
    }

    /// <summary>Takes the fault (if any) the next request suffers, counting it down.</summary>
    internal RequestFault TakeRequestFault()
    {
        if (_unreachable)
        {
            return RequestFault.Unreachable;
        }
        lock (_sync)
        {
            if (_throttleRemaining > 0)
            {
                _throttleRemaining--;
                return new RequestFault(429, _throttleRetryAfter);
            }
            if (_errorsRemaining > 0)
            {
                _errorsRemaining--;
                return new RequestFault(_errorStatus, 0);
            }
        }
        return RequestFault.None;
    }

    internal bool IsNeverReady(string? ns, string name, IEnumerable<string> images)
    {
        var names = _neverReadyNames;
        if (Names(names, ns, name))
        {
            return true;
        }
        var rules = _neverReadyImages;
        return rules.Count > 0 && images.Any(image => rules.Any(rule => ImageMatches(rule, image)));
    }

    /// <summary>A rule set naming the object as <c>name</c> or <c>namespace/name</c>.</summary>
    private static bool Names(IReadOnlySet<string> rules, string? ns, string name) =>
        rules.Contains(name) || ns is not null && rules.Contains($"{ns}/{name}");

    private static bool ImageMatches(string rule, string image) =>
        image == rule || image.StartsWith(rule + ":", StringComparison.Ordinal) || image.StartsWith(rule + "@", StringComparison.Ordinal);

    private void Change(Action change)
    {
        change();
        ReadinessRulesChanged?.Invoke();
    }
}
