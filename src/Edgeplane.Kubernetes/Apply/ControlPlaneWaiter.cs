using Edgeplane.Kubernetes.Health;
using Edgeplane.Kubernetes.Inventory;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// Waits, bounded by <see cref="ApplierOptions.ControlPlaneWait"/>, for Cluster API control planes to be Current (the
/// version they ask for reached, every replica ready), re-reading them every <see cref="ApplierOptions.ControlPlanePollInterval"/>
/// on the connection's clock. Returns the last health of each; those not Current hold their worker pools back.
/// </summary>
internal sealed class ControlPlaneWaiter(ClusterConnection connection, ApplierOptions options)
{
    public async Task<Dictionary<ObjectRef, ObjectHealth>> WaitAsync(IReadOnlyList<PlannedObject> planes, CancellationToken cancellationToken)
    {
        var health = new Dictionary<ObjectRef, ObjectHealth>();
        var checker = new HealthChecker(connection);
        var started = connection.Time.GetTimestamp();
        while (true)
        {
            var pending = planes.Where(p => !health.TryGetValue(p.Ref, out var h) || h.Status != HealthStatus.Current).ToList();
            var read = await checker.CheckAsync(pending.Select(p => new InventoryEntry(p.Ref, p.ApiVersion)), cancellationToken).ConfigureAwait(false);
            foreach (var h in read)
            {
                health[h.Object] = h;
            }
            if (read.All(h => h.Status == HealthStatus.Current) || read.Any(h => h.Status == HealthStatus.Failed)
                || connection.Time.GetElapsedTime(started) >= options.ControlPlaneWait)
            {
                return health;
            }
            await Task.Delay(options.ControlPlanePollInterval, connection.Time, cancellationToken).ConfigureAwait(false);
        }
    }
}
