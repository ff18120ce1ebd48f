using Edgeplane.Kubernetes.Objects;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Agent.Reconcile;

/// <summary>A verified, parsed bundle and the apiVersion of each object (the engine's object references carry none).</summary>
internal sealed record LoadedBundle(BundleDigest Digest, BundleDocument Document)
{
    public IReadOnlyDictionary<ObjectRef, string> ApiVersions { get; } = Document.Objects
        .GroupBy(ObjectRef.Of)
        .ToDictionary(g => g.Key, g => g.First()["apiVersion"]!.GetValue<string>());

    public string ApiVersionOf(ObjectRef obj) => ApiVersions.TryGetValue(obj, out var v) ? v : obj.Group.Length == 0 ? "v1" : obj.Group;
}
