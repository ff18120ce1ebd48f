namespace Edgeplane.Cli.Diff;

/// <summary>
/// A wave the change would go through: a wave of a rollout (<see cref="Rollout"/> and its <see cref="Name"/>, with
/// the pacing <c>WaveAssignment</c> resolved), or the clusters that move at once (<see cref="Rollout"/> null,
/// <see cref="Name"/> <c>at-once</c>, <see cref="Reason"/> says why).
/// </summary>
internal sealed record WavePreview(string? Rollout, string Name, IReadOnlyList<string> Clusters, int? MaxUnavailable, string? SoakTime,
    string? Reason = null)
{
    public const string AtOnce = "at-once";
    public const string NewClusters = "new cluster: no previous bundle to protect";
    public const string Ungoverned = "not governed by any rollout";
}
