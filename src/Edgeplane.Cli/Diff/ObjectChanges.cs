namespace Edgeplane.Cli.Diff;

/// <summary>A cluster's objects that are new, gone, or changed (with their fields), each list in apply order.</summary>
internal sealed record ObjectChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<ObjectChange> Changed);
