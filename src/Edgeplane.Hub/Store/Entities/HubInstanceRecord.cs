namespace Edgeplane.Hub.Store.Entities;

/// <summary>
/// One running hub process and its lease: it vouches for the agent links it serves only while it renews
/// <see cref="RenewedAt"/> (docs/gateway.md, "Availability").
/// </summary>
internal sealed class HubInstanceRecord
{
    /// <summary>New at every process start.</summary>
    public required string Id { get; set; }

    /// <summary>Stable across restarts of the same replica (machine and data folder).</summary>
    public required string Name { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime RenewedAt { get; set; }
}
