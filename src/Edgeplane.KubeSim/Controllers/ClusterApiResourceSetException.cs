namespace Edgeplane.KubeSim.Controllers;

/// <summary>A ClusterResourceSet step that failed, with the reason its ResourcesApplied condition reports.</summary>
internal sealed class ClusterApiResourceSetException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
