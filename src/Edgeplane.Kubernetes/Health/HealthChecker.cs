using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Inventory;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Health;

/// <summary>Reads objects and judges their health with <see cref="HealthRules"/>; waits (bounded) for a set to become Current.</summary>
public sealed class HealthChecker
{
    private readonly ClusterConnection _connection;

    /// <summary>A checker reading objects from the cluster behind <paramref name="connection"/>.</summary>
    public HealthChecker(ClusterConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <summary>The health of each bundle object, in order. A read that fails gives Unknown with the error.</summary>
    public Task<IReadOnlyList<ObjectHealth>> CheckAsync(IEnumerable<JsonObject> objects, CancellationToken cancellationToken = default) =>
        CheckAsync(objects.Select(o => new InventoryEntry(ObjectRef.Of(o), ObjectJson.ApiVersion(o))), cancellationToken);

    /// <summary>The health of each tracked object (e.g. an inventory's entries), in order.</summary>
    public async Task<IReadOnlyList<ObjectHealth>> CheckAsync(IEnumerable<InventoryEntry> objects, CancellationToken cancellationToken = default)
    {
        var results = new List<ObjectHealth>();
        foreach (var entry in objects)
        {
            results.Add(await CheckOneAsync(entry, cancellationToken).ConfigureAwait(false));
        }
        return results;
    }

    /// <summary>
    /// Re-checks the objects that are not Current every <see cref="HealthWaitOptions.PollInterval"/> until all are Current,
    /// one is Failed (returns at once), or <see cref="HealthWaitOptions.Timeout"/> passes. Time comes from the connection's clock.
    /// </summary>
    public async Task<HealthWaitResult> WaitAsync(IEnumerable<JsonObject> objects, HealthWaitOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new HealthWaitOptions();
        var entries = objects.Select(o => new InventoryEntry(ObjectRef.Of(o), ObjectJson.ApiVersion(o))).ToList();
        var latest = new ObjectHealth?[entries.Count];
        var started = _connection.Time.GetTimestamp();
        while (true)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                if (latest[i]?.Status != HealthStatus.Current)
                {
                    latest[i] = await CheckOneAsync(entries[i], cancellationToken).ConfigureAwait(false);
                }
            }
            var snapshot = latest.Select(h => h!).ToList();
            var elapsed = _connection.Time.GetElapsedTime(started);
            if (snapshot.Any(h => h.Status == HealthStatus.Failed))
            {
                return new HealthWaitResult(HealthWaitOutcome.Failed, snapshot, elapsed);
            }
            if (snapshot.All(h => h.Status == HealthStatus.Current))
            {
                return new HealthWaitResult(HealthWaitOutcome.Current, snapshot, elapsed);
            }
            if (elapsed >= options.Timeout)
            {
                return new HealthWaitResult(HealthWaitOutcome.TimedOut, snapshot, elapsed);
            }
            await Task.Delay(options.PollInterval, _connection.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ObjectHealth> CheckOneAsync(InventoryEntry entry, CancellationToken cancellationToken)
    {
        var obj = entry.Object;
        try
        {
            var mapping = await _connection.Discovery.TryResolveAsync(entry.ApiVersion, obj.Kind, cancellationToken).ConfigureAwait(false);
            if (mapping is null)
            {
                return new ObjectHealth(obj, HealthStatus.NotFound, $"the cluster does not serve {obj.Kind} in {entry.ApiVersion}");
            }
            var live = await _connection.Api.GetAsync(mapping, obj, cancellationToken).ConfigureAwait(false);
            var related = live is not null && (obj.Group, obj.Kind) == ("kubevirt.io", "VirtualMachine")
                ? await InstanceOfAsync(entry, cancellationToken).ConfigureAwait(false)
                : null;
            return HealthRules.Evaluate(obj, live, related);
        }
        catch (KubeApiException ex)
        {
            return new ObjectHealth(obj, HealthStatus.Unknown, ex.Message);
        }
    }

    /// <summary>A VirtualMachine's instance has the same name and namespace and kind VirtualMachineInstance.</summary>
    private async Task<JsonObject?> InstanceOfAsync(InventoryEntry vm, CancellationToken cancellationToken)
    {
        var mapping = await _connection.Discovery.TryResolveAsync(vm.ApiVersion, "VirtualMachineInstance", cancellationToken).ConfigureAwait(false);
        return mapping is null
            ? null
            : await _connection.Api.GetAsync(mapping, vm.Object with { Kind = "VirtualMachineInstance" }, cancellationToken).ConfigureAwait(false);
    }
}
