using Edgeplane.KubeSim.Authorization;

namespace Edgeplane.KubeSim.Clusters;

/// <summary>
/// Query options of a write: dryRun=All, fieldManager, fieldValidation, force (apply only); and the impersonated
/// <see cref="User"/> it is made as, if any (RBAC's escalation checks apply to it; null is the cluster's administrator).
/// </summary>
internal sealed record WriteOptions(bool DryRun, string Manager, FieldValidationMode Validation, bool Force, RequestUser? User = null)
{
    public static WriteOptions Controller(string manager) => new(false, manager, FieldValidationMode.Ignore, false);
}
