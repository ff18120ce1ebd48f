namespace Edgeplane.Model.Specs;

/// <summary>Cluster API manifests with parameters (<c>${params.name}</c>) that provision a cluster from a management cluster.</summary>
/// <param name="Provider">Backend this template creates, if it is specific to one.</param>
/// <param name="Namespace">Namespace of the Cluster API objects in the management cluster.</param>
/// <param name="Source">Manifests or kustomization with the objects.</param>
/// <param name="Parameters">Declared parameters.</param>
/// <param name="Description">Free text.</param>
public sealed record ClusterTemplateSpec(
    ClusterProvider? Provider,
    string Namespace,
    SourceSpec Source,
    IReadOnlyList<TemplateParameterSpec> Parameters,
    string? Description);
