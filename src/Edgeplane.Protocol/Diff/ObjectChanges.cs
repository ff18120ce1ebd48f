namespace Edgeplane.Protocol.Diff;

/// <summary>A cluster's objects that are new, gone, or changed (with their fields), each list in apply order.</summary>
/// <param name="Added">Ids (<see cref="ObjectIdentity.Id"/>) of the objects only the new version has.</param>
/// <param name="Removed">Ids of the objects only the old version has.</param>
/// <param name="Changed">The objects in both versions whose fields differ.</param>
public sealed record ObjectChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<ObjectChange> Changed);
