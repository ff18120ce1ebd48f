using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Store;

/// <summary>
/// How one revision's target changes are admitted: which clusters a new run gates (their target stays for now), which
/// move at once although their desired digest did not change (left behind by a superseded run that no policy governs
/// any more), and the runs to store.
/// </summary>
internal sealed class RolloutAdmission
{
    /// <summary>Clusters whose target a new run moves later.</summary>
    public HashSet<string> Gated { get; } = new(StringComparer.Ordinal);

    /// <summary>Clusters whose target moves to their (unchanged) desired digest at once.</summary>
    public HashSet<string> Immediate { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs to store, with their waves and members.</summary>
    public List<RolloutRecord> Runs { get; } = [];

    /// <summary>Active runs the revision supersedes.</summary>
    public List<RolloutRecord> Superseded { get; } = [];
}
