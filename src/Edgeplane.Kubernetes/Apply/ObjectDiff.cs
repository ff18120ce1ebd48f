using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Discovery;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// The dry-run verdict for one object: Created (absent), Configured (differs at <see cref="Paths"/>), Unchanged,
/// or Skipped (reconcile disabled on the live object, see <see cref="Message"/>).
/// </summary>
internal sealed record ObjectDiff(PlannedObject Object, ResourceMapping Mapping, ChangeAction Action, IReadOnlyList<string> Paths,
    JsonObject? Live, string? Message = null)
{
    public bool NeedsWrite => Action is ChangeAction.Created or ChangeAction.Configured;
}
