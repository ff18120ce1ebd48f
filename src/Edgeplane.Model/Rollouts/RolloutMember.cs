namespace Edgeplane.Model.Rollouts;

/// <summary>A cluster as wave assignment sees it: its name and what placements match on.</summary>
/// <param name="Name">Cluster name.</param>
/// <param name="Layer">Its layer.</param>
/// <param name="Region">Its region.</param>
/// <param name="Site">Its site, when it has one.</param>
/// <param name="Labels">Its labels.</param>
public sealed record RolloutMember(string Name, string Layer, string Region, string? Site, IReadOnlyDictionary<string, string> Labels);
