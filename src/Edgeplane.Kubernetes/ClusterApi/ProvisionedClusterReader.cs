using System.Globalization;
using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Discovery;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.ClusterApi;

/// <summary>
/// Reads the Cluster API <c>Cluster</c> objects a management cluster's bundle provisions: in every namespace, those
/// marked as the bundle's (<c>managed-by=edgeplane</c>, <c>edgeplane.dev/cluster</c> the management cluster,
/// <c>edgeplane.dev/bundle</c>) that carry <c>edgeplane.dev/provisioned-cluster</c> with the fleet cluster they make.
/// Objects the bundle no longer has but that still exist (retained, or being deleted) are read too: the labels stay on them. Served versions are tried newest first
/// (<c>v1beta2</c>, then <c>v1beta1</c>); a cluster that serves neither has none.
/// </summary>
public sealed class ProvisionedClusterReader
{
    /// <summary>Most conditions kept per Cluster.</summary>
    public const int MaxConditions = 16;

    /// <summary>Most Cluster objects listed in one read (they are counted beyond <c>max</c>, not kept).</summary>
    public const int MaxListed = 10_000;

    private static readonly string[] Versions = ["cluster.x-k8s.io/v1beta2", "cluster.x-k8s.io/v1beta1"];
    private static readonly string[] LifecycleConditions = ["InfrastructureReady", "ControlPlaneInitialized", "ControlPlaneAvailable", "Available"];

    private readonly ClusterConnection _connection;

    /// <summary>A reader for the cluster behind <paramref name="connection"/>.</summary>
    public ProvisionedClusterReader(ClusterConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <summary>
    /// The provisioned clusters of bundle <paramref name="bundle"/> on cluster <paramref name="managementCluster"/>, ordered
    /// by namespace and name, at most <paramref name="max"/> (and how many more there are).
    /// </summary>
    /// <exception cref="KubeApiException">The list failed (after the connection's retries).</exception>
    public async Task<(IReadOnlyList<ProvisionedClusterState> Clusters, int Omitted)> ReadAsync(string managementCluster, string bundle, int max,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(managementCluster);
        ArgumentException.ThrowIfNullOrEmpty(bundle);
        if (await MappingAsync(cancellationToken).ConfigureAwait(false) is not { } type)
        {
            return ([], 0);
        }
        var selector = $"{EdgeplaneMetadata.ManagedByLabel}={EdgeplaneMetadata.ManagedByValue},{EdgeplaneMetadata.ClusterLabel}={managementCluster},"
            + $"{EdgeplaneMetadata.BundleLabel}={bundle},{EdgeplaneMetadata.ProvisionedClusterLabel}";
        var found = new List<ProvisionedClusterState>();
        var seen = 0;
        string? continueToken = null;
        do
        {
            var (items, next) = await _connection.Api.ListAsync(type, null, selector, _connection.Options.ListPageSize, continueToken, cancellationToken)
                .ConfigureAwait(false);
            foreach (var item in items.OfType<JsonObject>())
            {
                seen++;
                if (found.Count < max)
                {
                    found.Add(StateOf(item));
                }
            }
            continueToken = next;
        }
        while (continueToken is not null && seen < MaxListed);
        found.Sort((a, b) => string.CompareOrdinal($"{a.Namespace}/{a.Name}", $"{b.Namespace}/{b.Name}"));
        return (found, seen - found.Count);
    }

    private async Task<ResourceMapping?> MappingAsync(CancellationToken cancellationToken)
    {
        foreach (var version in Versions)
        {
            if (await _connection.Discovery.TryResolveAsync(version, "Cluster", cancellationToken).ConfigureAwait(false) is { } mapping)
            {
                return mapping;
            }
        }
        return null;
    }

    /// <summary>What one live Cluster object says about its cluster's lifecycle.</summary>
    public static ProvisionedClusterState StateOf(JsonObject live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var status = ObjectJson.Path(live, "status");
        var initialization = ObjectJson.Path(status, "initialization");
        return new ProvisionedClusterState(
            ObjectJson.Label(live, EdgeplaneMetadata.ProvisionedClusterLabel) ?? "",
            ObjectJson.Namespace(live) ?? "",
            ObjectJson.Name(live),
            ObjectJson.Str(status, "phase"),
            ObjectJson.Bool(initialization, "infrastructureProvisioned") ?? ObjectJson.Bool(status, "infrastructureReady") ?? false,
            ObjectJson.Bool(initialization, "controlPlaneInitialized") ?? ObjectJson.Bool(status, "controlPlaneReady") ?? false,
            Conditions(status),
            Time(ObjectJson.Str(ObjectJson.Meta(live), "deletionTimestamp")));
    }

    /// <summary>The four lifecycle conditions first (in their order), then any other that is False.</summary>
    private static List<ObservedCondition> Conditions(JsonObject? status)
    {
        var all = (status?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(c => ObjectJson.Str(c, "type") is not null)
            .Select(c => new ObservedCondition(ObjectJson.Str(c, "type")!, ObjectJson.Str(c, "status") ?? "Unknown", ObjectJson.Str(c, "reason"),
                ObjectJson.Str(c, "message"), Time(ObjectJson.Str(c, "lastTransitionTime"))))
            .ToList();
        return all.Where(c => LifecycleConditions.Contains(c.Type)).OrderBy(c => Array.IndexOf(LifecycleConditions, c.Type))
            .Concat(all.Where(c => !LifecycleConditions.Contains(c.Type) && c.Status == "False"))
            .Take(MaxConditions).ToList();
    }

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime() : null;
}
