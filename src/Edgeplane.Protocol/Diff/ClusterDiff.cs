namespace Edgeplane.Protocol.Diff;

/// <summary>One cluster that changes: <c>added</c> (new in the fleet), <c>removed</c> (gone from it) or <c>changed</c>, and its objects.</summary>
/// <param name="Name">The cluster.</param>
/// <param name="Change"><see cref="Added"/>, <see cref="Removed"/> or <see cref="Changed"/>.</param>
/// <param name="Objects">Its objects that are new, gone or changed.</param>
public sealed record ClusterDiff(string Name, string Change, ObjectChanges Objects)
{
    /// <summary>The cluster is new: every object of its bundle is added.</summary>
    public const string Added = "added";

    /// <summary>The cluster is gone: every object of its bundle is removed.</summary>
    public const string Removed = "removed";

    /// <summary>The cluster is in both versions, and objects or bundle settings differ.</summary>
    public const string Changed = "changed";
}
