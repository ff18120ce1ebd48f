using System.Text;
using Edgeplane.Hub.Pipeline;

namespace Edgeplane.Hub.Tests.Pipeline;

public sealed class BundleCompressionTests
{
    [Fact]
    public void CompressDecompress_RoundTripsAndShrinks()
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("""{"apiVersion":"v1","kind":"ConfigMap"},""", 200)));

        var compressed = BundleCompression.Compress(data);

        Assert.True(compressed.Length < data.Length / 5, $"{compressed.Length} of {data.Length}");
        Assert.Equal(data, BundleCompression.Decompress("br", compressed, data.Length));
    }

    [Fact]
    public void Decompress_WrongSizeOrEncoding_Throws()
    {
        var compressed = BundleCompression.Compress("hello"u8);

        Assert.Equal("stored bundle is corrupt: expected 4 bytes after decompression",
            Assert.Throws<InvalidDataException>(() => BundleCompression.Decompress("br", compressed, 4)).Message);
        Assert.Equal("unknown bundle encoding 'gzip'",
            Assert.Throws<InvalidDataException>(() => BundleCompression.Decompress("gzip", compressed, 5)).Message);
    }
}
