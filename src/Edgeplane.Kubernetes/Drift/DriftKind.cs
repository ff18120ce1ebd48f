namespace Edgeplane.Kubernetes.Drift;

/// <summary>How a live object departs from its bundle.</summary>
public enum DriftKind
{
    /// <summary>Fields differ from what applying the bundle would give (see <see cref="ObjectDrift.FieldPaths"/>).</summary>
    Modified,

    /// <summary>The object was deleted out of band.</summary>
    Missing,
}
