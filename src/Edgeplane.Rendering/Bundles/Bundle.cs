using Edgeplane.Model.Specs;

namespace Edgeplane.Rendering.Bundles;

/// <summary>
/// Everything one cluster must run at one revision: objects in apply order and their canonical bytes, with two
/// digests. The format is documented in docs/rendering.md ("The bundle document"). Immutable.
/// </summary>
public sealed class Bundle
{
    private readonly byte[] _bytes;

    internal Bundle(string cluster, string revision, DriftPolicy drift, bool prune, IReadOnlyList<BundleObject> objects,
        byte[] bytes, string digest, string contentDigest)
    {
        ClusterName = cluster;
        Revision = revision;
        Drift = drift;
        Prune = prune;
        Objects = objects;
        _bytes = bytes;
        Digest = digest;
        ContentDigest = contentDigest;
    }

    /// <summary>The cluster the bundle is for (also <c>metadata.name</c>).</summary>
    public string ClusterName { get; }

    /// <summary>The revision given to the renderer.</summary>
    public string Revision { get; }

    /// <summary>What the agent does on drift.</summary>
    public DriftPolicy Drift { get; }

    /// <summary>Whether the agent prunes objects that left the bundle.</summary>
    public bool Prune { get; }

    /// <summary>Objects in apply order.</summary>
    public IReadOnlyList<BundleObject> Objects { get; }

    /// <summary>The canonical JSON bundle document; <see cref="Digest"/> is the sha256 of exactly these bytes.</summary>
    public ReadOnlyMemory<byte> CanonicalBytes => _bytes;

    /// <summary><c>sha256:&lt;hex&gt;</c> of <see cref="CanonicalBytes"/>.</summary>
    public string Digest { get; }

    /// <summary>
    /// <c>sha256:&lt;hex&gt;</c> of the content form: the canonical bytes without <c>spec.revision</c> and without every
    /// <c>edgeplane.dev/source-revision</c> annotation. Equal when a commit does not change the cluster's objects.
    /// </summary>
    public string ContentDigest { get; }
}
