namespace Edgeplane.Cli.Diff;

/// <summary>One cluster that changes: <c>added</c> (new in the fleet), <c>removed</c> (gone from it) or <c>changed</c>, and its objects.</summary>
internal sealed record ClusterDiff(string Name, string Change, ObjectChanges Objects)
{
    public const string Added = "added";
    public const string Removed = "removed";
    public const string Changed = "changed";
}
