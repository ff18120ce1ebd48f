namespace Edgeplane.Kubernetes.Apply;

/// <summary>What happened to one object during an apply (after Flux's ssa ChangeSet actions).</summary>
public enum ChangeAction
{
    /// <summary>It did not exist and was created.</summary>
    Created,

    /// <summary>It existed and differed; the apply changed it.</summary>
    Configured,

    /// <summary>It existed and matched; nothing was written.</summary>
    Unchanged,

    /// <summary>It was pruned (deleted) because the bundle no longer has it.</summary>
    Deleted,

    /// <summary>Deliberately left alone; the entry's message says why.</summary>
    Skipped,

    /// <summary>The engine tried and failed; a matching <see cref="ApplyFailure"/> has the details.</summary>
    Failed,
}
