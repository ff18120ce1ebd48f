using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Discovery;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Inventory;

/// <summary>
/// Keeps each bundle's inventory in the cluster, as ConfigMap <c>edgeplane-inventory-&lt;bundle&gt;</c> in
/// <see cref="InventoryOptions.Namespace"/> (created when missing), written by server-side apply.
/// </summary>
public sealed class InventoryStore
{
    private readonly ClusterConnection _connection;
    private readonly InventoryOptions _options;

    /// <summary>A store keeping inventories in the cluster behind <paramref name="connection"/>.</summary>
    public InventoryStore(ClusterConnection connection, InventoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _options = options ?? new InventoryOptions();
    }

    /// <summary>The stored inventory of <paramref name="bundle"/>, or null when there is none yet.</summary>
    /// <exception cref="KubeApiException">The read failed.</exception>
    /// <exception cref="InvalidDataException">The ConfigMap exists but is not a valid inventory.</exception>
    public async Task<InventorySnapshot?> ReadAsync(string bundle, CancellationToken cancellationToken = default)
    {
        var configMap = await _connection.Api.GetAsync(WellKnown.ConfigMap, Ref(bundle), cancellationToken).ConfigureAwait(false);
        return configMap is null ? null : InventoryCodec.FromConfigMap(configMap);
    }

    /// <summary>Stores <paramref name="snapshot"/>, replacing what was there.</summary>
    /// <exception cref="InvalidDataException">The entries exceed <see cref="InventoryOptions.MaxEntriesBytes"/>.</exception>
    /// <exception cref="KubeApiException">The write failed.</exception>
    public async Task WriteAsync(InventorySnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        CheckSize(snapshot.Entries);
        var configMap = InventoryCodec.ToConfigMap(snapshot, _options.Namespace);
        var target = Ref(snapshot.Bundle);
        try
        {
            await _connection.Api.ApplyAsync(WellKnown.ConfigMap, target, configMap, dryRun: false, force: true, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.StatusCode == 404)
        {
            // The namespace is missing (first inventory on this cluster): create it, then write again.
            await CreateNamespaceAsync(cancellationToken).ConfigureAwait(false);
            await _connection.Api.ApplyAsync(WellKnown.ConfigMap, target, configMap, dryRun: false, force: true, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Removes the inventory of <paramref name="bundle"/>; false when there was none.</summary>
    public Task<bool> DeleteAsync(string bundle, CancellationToken cancellationToken = default) =>
        _connection.Api.DeleteAsync(WellKnown.ConfigMap, Ref(bundle), cancellationToken);

    /// <exception cref="InvalidDataException">The entries exceed <see cref="InventoryOptions.MaxEntriesBytes"/>.</exception>
    public void CheckSize(IEnumerable<InventoryEntry> entries)
    {
        var bytes = Encoding.UTF8.GetByteCount(InventoryCodec.EncodeEntries(entries));
        if (bytes > _options.MaxEntriesBytes)
        {
            throw new InvalidDataException(
                $"the inventory would take {bytes} bytes, more than the limit of {_options.MaxEntriesBytes} bytes; split the bundle");
        }
    }

    private ObjectRef Ref(string bundle) => new("", "ConfigMap", _options.Namespace, InventoryCodec.ConfigMapName(bundle));

    private Task CreateNamespaceAsync(CancellationToken cancellationToken)
    {
        var ns = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject
            {
                ["name"] = _options.Namespace,
                ["labels"] = new JsonObject { [EdgeplaneMetadata.ManagedByLabel] = EdgeplaneMetadata.ManagedByValue },
            },
        };
        return _connection.Api.ApplyAsync(WellKnown.Namespace, new ObjectRef("", "Namespace", null, _options.Namespace), ns,
            dryRun: false, force: true, cancellationToken);
    }
}
