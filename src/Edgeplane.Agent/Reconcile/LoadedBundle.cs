using Edgeplane.Kubernetes.Objects;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Agent.Reconcile;

/// <summary>A verified, parsed bundle and the apiVersion of each object (the engine's object references carry none).</summary>
internal sealed record LoadedBundle(BundleDigest Digest, BundleDocument Document)
{
    public IReadOnlyDictionary<ObjectRef, string> ApiVersions { get; } = Document.Objects
        .GroupBy(ObjectRef.Of)
        .ToDictionary(g => g.Key, g => g.First()["apiVersion"]!.GetValue<string>());
}
