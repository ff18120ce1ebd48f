namespace Edgeplane.Model.Rollouts;

/// <summary>One wave of a run: its members in the order they are moved, and its pacing resolved to numbers.</summary>
/// <param name="Name">The wave's name (<c>rest</c> for the implicit last wave).</param>
/// <param name="Clusters">Members, ordered by the sha256 of their names.</param>
/// <param name="MaxUnavailable">Most members moved and not yet healthy at once (at least 1).</param>
/// <param name="SoakTime">Wait after the wave passed its gates before the next starts.</param>
public sealed record PlannedWave(string Name, IReadOnlyList<string> Clusters, int MaxUnavailable, TimeSpan SoakTime);
