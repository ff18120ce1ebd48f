namespace Edgeplane.Hub.Api.Contracts;

/// <summary>Where a fetched commit is in the pipeline. Stored as text.</summary>
public enum RevisionState
{
    /// <summary>Fetched, waiting for the processor (also after a restart).</summary>
    Pending,

    /// <summary>Compiled and stored; its bundles are the desired state.</summary>
    Applied,

    /// <summary>Loading, validation or rendering failed; the errors are recorded; the last good revision stays desired.</summary>
    Failed,

    /// <summary>Compiled, but it would remove clusters or empty them; waits for an admin's approval.</summary>
    Held,

    /// <summary>A held revision an admin approved; the processor applies it, removals included.</summary>
    Approved,

    /// <summary>A newer commit arrived before this one was processed; it is recorded but never applied.</summary>
    Superseded,
}
