namespace Edgeplane.Model.Specs;

/// <summary>How changes reach the clusters it governs: waves, pacing, gates, windows and rollback.</summary>
/// <param name="Clusters">Clusters governed; every cluster when not written.</param>
/// <param name="Waves">Waves in order; a cluster belongs to the first wave that targets it.</param>
/// <param name="MaxUnavailable">Most clusters updating at once in a wave.</param>
/// <param name="SoakTime">Wait after a wave is healthy before the next starts.</param>
/// <param name="HealthGates">Conditions a wave must meet to continue.</param>
/// <param name="MaintenanceWindows">When changes may start; always when empty.</param>
/// <param name="Rollback">Automatic rollback.</param>
public sealed record RolloutSpec(
    PlacementSpec Clusters,
    IReadOnlyList<WaveSpec> Waves,
    IntOrPercent MaxUnavailable,
    TimeSpan SoakTime,
    IReadOnlyList<HealthGateSpec> HealthGates,
    IReadOnlyList<MaintenanceWindowSpec> MaintenanceWindows,
    RollbackSpec Rollback)
{
    /// <summary>What a wave does with members the hub cannot hear; <see cref="OfflinePolicy.Wait"/> when not written.</summary>
    public OfflinePolicy Offline { get; init; } = OfflinePolicy.Wait;
}
