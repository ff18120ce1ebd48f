using Edgeplane.Rendering.Bundles;

namespace Edgeplane.Hub.Pipeline;

/// <summary>One rendered bundle: canonical bytes and their digests.</summary>
/// <param name="Digest"><c>sha256:&lt;hex&gt;</c> of exactly <paramref name="CanonicalBytes"/>.</param>
/// <param name="ContentDigest">The digest ignoring the per-object source-revision annotation.</param>
/// <param name="CanonicalBytes">The bundle as the renderer serialized it (JSON).</param>
/// <param name="ObjectCount">How many Kubernetes objects the bundle holds.</param>
internal sealed record CompiledBundle(string Digest, string ContentDigest, ReadOnlyMemory<byte> CanonicalBytes, int ObjectCount)
{
    /// <summary>
    /// The rendered objects, when the compiler has them (their identities are then read without parsing
    /// <see cref="CanonicalBytes"/>); null: <see cref="ObjectIdentitySet.Of(CompiledBundle)"/> reads the JSON.
    /// </summary>
    public IReadOnlyList<BundleObject>? Objects { get; init; }
}
