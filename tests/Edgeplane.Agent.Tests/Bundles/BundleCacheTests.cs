using System.Text;
using Edgeplane.Agent.Bundles;
using Edgeplane.Agent.Tests.Support;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Agent.Tests.Bundles;

public sealed class BundleCacheTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TryRead_FileNoLongerMatchesItsDigest_DiscardedWithReason()
    {
        var cache = new BundleCache(_dir.Path);
        var bytes = Encoding.UTF8.GetBytes("{\"kind\":\"Bundle\"}");
        var digest = BundleDigest.Of(bytes);
        cache.Write(digest, bytes);
        var file = Path.Combine(cache.Directory, digest.FileStem + ".json");
        var damaged = Encoding.UTF8.GetBytes("{\"kind\":\"Bundle!\"}");
        File.WriteAllBytes(file, damaged);

        var read = cache.TryRead(digest, out var problem);

        Assert.Null(read);
        Assert.Equal($"cached bundle {digest} hashed to {BundleDigest.Of(damaged)} on read; discarded it", problem);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Write_BytesOfAnotherDigest_Refused()
    {
        var cache = new BundleCache(_dir.Path);
        var digest = BundleDigest.Of("a"u8);

        var e = Assert.Throws<InvalidOperationException>(() => cache.Write(digest, "b"u8));

        Assert.Equal($"refusing to cache bundle bytes that hash to {BundleDigest.Of("b"u8)} as {digest}", e.Message);
        Assert.Empty(Directory.EnumerateFiles(cache.Directory));
    }

    [Fact]
    public void Retain_KeepsOnlyTheNamedBundles()
    {
        var cache = new BundleCache(_dir.Path);
        var a = BundleDigest.Of("a"u8);
        var b = BundleDigest.Of("b"u8);
        cache.Write(a, "a"u8);
        cache.Write(b, "b"u8);

        cache.Retain([b]);

        Assert.False(cache.Contains(a));
        Assert.True(cache.Contains(b));
    }
}
