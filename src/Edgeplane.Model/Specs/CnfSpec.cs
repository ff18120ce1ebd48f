namespace Edgeplane.Model.Specs;

/// <summary>Container settings of a CNF.</summary>
/// <param name="Kind">Deployment or StatefulSet.</param>
/// <param name="Image">Container image.</param>
/// <param name="Replicas">Replica count.</param>
/// <param name="Args">Container arguments.</param>
/// <param name="Env">Environment variables.</param>
/// <param name="Resources">Kubernetes resource requirements (requests/limits), as written.</param>
public sealed record CnfSpec(
    WorkloadKind Kind,
    string Image,
    int Replicas,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Env,
    Values Resources);
