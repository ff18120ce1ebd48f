namespace Edgeplane.KubeSim.Clusters;

/// <summary>What a DELETE asks for: dry run, propagation policy and uid/resourceVersion preconditions.</summary>
internal sealed record DeleteOptions(bool DryRun, string? PropagationPolicy, string? PreconditionUid, string? PreconditionResourceVersion)
{
    public static DeleteOptions Background { get; } = new(false, "Background", null, null);

    public bool Orphan => PropagationPolicy == "Orphan";
}
