namespace Edgeplane.Model.Specs;

/// <summary>The workload object a CNF becomes.</summary>
public enum WorkloadKind
{
    /// <summary>apps/v1 Deployment.</summary>
    Deployment,
    /// <summary>apps/v1 StatefulSet.</summary>
    StatefulSet,
}
