namespace Edgeplane.Model.Specs;

/// <summary>What an add-on's or application's source is.</summary>
public enum SourceType
{
    /// <summary>Plain YAML manifests: a file or a directory (recursive).</summary>
    Manifests,
    /// <summary>A kustomization directory, built by the native kustomize engine.</summary>
    Kustomize,
    /// <summary>A Helm chart, handed to Flux in the cluster (HelmRepository/OCIRepository + HelmRelease).</summary>
    Helm,
}
