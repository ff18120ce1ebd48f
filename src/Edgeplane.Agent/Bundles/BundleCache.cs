using Edgeplane.Agent.State;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Agent.Bundles;

/// <summary>
/// Bundles on disk, under <c>{state}/bundles/sha256-&lt;hex&gt;.json</c> (the exact bundle bytes), so the agent can keep
/// applying and correcting drift without the hub. Every read hashes the file again: a file that no longer matches its
/// digest (disk damage, tampering) is deleted and treated as absent, so it is fetched again rather than applied.
/// Partial downloads live next to them as <c>sha256-&lt;hex&gt;.gz.part</c>.
/// </summary>
public sealed class BundleCache
{
    /// <summary>Opens (and creates) the cache folder <c>{stateDirectory}/bundles</c>.</summary>
    public BundleCache(string stateDirectory)
    {
        Directory = Path.Combine(stateDirectory, "bundles");
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The cache folder.</summary>
    public string Directory { get; }

    /// <summary>
    /// The verified bytes of <paramref name="digest"/>, or null when not cached. <paramref name="problem"/> says why a
    /// cached file was discarded (it did not hash to its digest).
    /// </summary>
    public byte[]? TryRead(BundleDigest digest, out string? problem)
    {
        problem = null;
        var path = PathOf(digest);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        var actual = BundleDigest.Of(bytes);
        if (actual == digest)
        {
            return bytes;
        }
        File.Delete(path);
        problem = $"cached bundle {digest} hashed to {actual} on read; discarded it";
        return null;
    }

    /// <summary>True when a file for <paramref name="digest"/> exists (not verified).</summary>
    public bool Contains(BundleDigest digest) => File.Exists(PathOf(digest));

    /// <summary>Stores verified bundle bytes atomically. Throws when they do not hash to <paramref name="digest"/>.</summary>
    public void Write(BundleDigest digest, ReadOnlySpan<byte> bytes)
    {
        var actual = BundleDigest.Of(bytes);
        if (actual != digest)
        {
            throw new InvalidOperationException($"refusing to cache bundle bytes that hash to {actual} as {digest}");
        }
        AtomicFile.Write(PathOf(digest), bytes);
    }

    /// <summary>Deletes every cached bundle and partial download except those of <paramref name="keep"/>.</summary>
    public void Retain(IEnumerable<BundleDigest> keep)
    {
        var stems = keep.Select(d => d.FileStem).ToHashSet(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, BundleDigest.FileStemPrefix + "*"))
        {
            var name = Path.GetFileName(file);
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var stem = dot > 0 ? name[..dot] : name;
            if (!stems.Contains(stem))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Where a partial (compressed) download of <paramref name="digest"/> is kept.</summary>
    public string PartialPathOf(BundleDigest digest) => Path.Combine(Directory, digest.FileStem + ".gz.part");

    private string PathOf(BundleDigest digest) => Path.Combine(Directory, digest.FileStem + ".json");
}
