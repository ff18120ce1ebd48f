using System.IO.Compression;
using System.Text;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Protocol.V1;

namespace Edgeplane.Protocol.Tests.Bundles;

/// <summary>Stored (Brotli) and wire (gzip) compression of bundles; moved here from the hub with BundleCompression.</summary>
public sealed class BundleCodecTests
{
    private static readonly BundleDigest Digest = BundleDigest.Of("bundle"u8);

    [Fact]
    public void CompressDecompress_RoundTripsAndShrinks()
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("""{"apiVersion":"v1","kind":"ConfigMap"},""", 200)));

        var compressed = BundleCodec.CompressForStore(data);

        Assert.True(compressed.Length < data.Length / 5, $"{compressed.Length} of {data.Length}");
        Assert.Equal(data, BundleCodec.DecompressStored("br", compressed, data.Length));
        Assert.Equal("br", BundleCodec.StoredEncoding);
    }

    [Fact]
    public void Decompress_WrongSizeOrEncoding_Throws()
    {
        var compressed = BundleCodec.CompressForStore("hello"u8);

        Assert.Equal("stored bundle is corrupt: expected 4 bytes after decompression",
            Assert.Throws<InvalidDataException>(() => BundleCodec.DecompressStored("br", compressed, 4)).Message);
        Assert.Equal("unknown bundle encoding 'gzip'",
            Assert.Throws<InvalidDataException>(() => BundleCodec.DecompressStored("gzip", compressed, 5)).Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ProtocolLimits.MaxBundleBytes + 1)]
    public void DecompressStored_SizeOutOfBounds_RefusedBeforeAllocating(long size)
    {
        var compressed = BundleCodec.CompressForStore("hello"u8);

        var e = Assert.Throws<InvalidDataException>(() => BundleCodec.DecompressStored("br", compressed, (int)size));

        Assert.Equal($"stored bundle claims {size} bytes; the limit is {ProtocolLimits.MaxBundleBytes} (ProtocolLimits.MaxBundleBytes)", e.Message);
    }

    [Fact]
    public async Task Wire_GzipRoundTrip_IsPlainRfc1952()
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("""{"kind":"ConfigMap"},""", 500)));

        var gzipped = BundleCodec.CompressForWire(data);
        using var stream = new MemoryStream(gzipped);
        var back = await BundleCodec.DecompressFromWireAsync(BundleCompression.Gzip, stream, Digest, CancellationToken.None);

        Assert.Equal(data, back);
        Assert.Equal(data, Gunzip(gzipped));
        Assert.True(gzipped.Length < data.Length / 5, $"{gzipped.Length} of {data.Length}");
    }

    [Fact]
    public async Task Wire_None_ReadsTheBytesAsTheyAre()
    {
        using var stream = new MemoryStream("plain"u8.ToArray());

        var back = await BundleCodec.DecompressFromWireAsync(BundleCompression.None, stream, Digest, CancellationToken.None);

        Assert.Equal("plain"u8.ToArray(), back);
    }

    [Fact]
    public async Task Wire_DecompressesPastTheCap_RefusedAtTheCap()
    {
        var bomb = BundleCodec.CompressForWire(new byte[1_000_000]);
        using var stream = new MemoryStream(bomb);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() =>
            BundleCodec.DecompressFromWireAsync(BundleCompression.Gzip, stream, Digest, maxBytes: 100_000, CancellationToken.None));

        Assert.Equal($"bundle {Digest} decompresses to more than 100000 bytes; refused", e.Message);
    }

    [Fact]
    public async Task Wire_NotGzip_RefusedAsInvalidGzip()
    {
        using var stream = new MemoryStream("this is not gzip at all"u8.ToArray());

        var e = await Assert.ThrowsAsync<InvalidDataException>(() =>
            BundleCodec.DecompressFromWireAsync(BundleCompression.Gzip, stream, Digest, CancellationToken.None));

        Assert.StartsWith($"download of {Digest} is not valid gzip: ", e.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(e.InnerException);
    }

    [Fact]
    public async Task Wire_UnknownCompression_Refused()
    {
        using var stream = new MemoryStream([1, 2, 3]);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() =>
            BundleCodec.DecompressFromWireAsync((BundleCompression)7, stream, Digest, CancellationToken.None));

        Assert.Equal($"download of {Digest} uses compression 7, which this agent does not know", e.Message);
    }

    private static byte[] Gunzip(byte[] gzipped)
    {
        using var input = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
