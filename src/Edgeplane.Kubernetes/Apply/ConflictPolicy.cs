namespace Edgeplane.Kubernetes.Apply;

/// <summary>What an apply does when another field manager owns a field the bundle sets.</summary>
public enum ConflictPolicy
{
    /// <summary>Take the field over (server-side apply with force=true), as Flux does: the bundle is the truth.</summary>
    Force,

    /// <summary>Refuse: the dry run fails with 409 Conflict naming the fields and their managers, and the stage is not written.</summary>
    Fail,
}
