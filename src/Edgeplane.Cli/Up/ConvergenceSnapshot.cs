namespace Edgeplane.Cli.Up;

/// <summary>Every cluster's convergence at one moment, ordered by name.</summary>
public sealed record ConvergenceSnapshot(IReadOnlyList<ClusterConvergence> Clusters)
{
    /// <summary>Clusters that applied their desired bundle and are healthy.</summary>
    public int ConvergedCount => Clusters.Count(c => c.Converged);

    /// <summary>True when there is at least one cluster and every one converged.</summary>
    public bool AllConverged => Clusters.Count > 0 && Clusters.All(c => c.Converged);

    /// <summary>The cluster named <paramref name="name"/>, or null.</summary>
    public ClusterConvergence? Find(string name) => Clusters.FirstOrDefault(c => c.Cluster == name);
}
