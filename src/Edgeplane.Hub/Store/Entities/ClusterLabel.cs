namespace Edgeplane.Hub.Store.Entities;

/// <summary>One label of a cluster, in its own row so selectors run in the database.</summary>
internal sealed class ClusterLabel
{
    public required string ClusterName { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }
}
