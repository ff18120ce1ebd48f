using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Protocol.Tests.Bundles;

/// <summary>The one digest syntax: the agent's former parser and the hub's two former regexes, now one type.</summary>
public sealed class BundleDigestTests
{
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void Of_HashesTheBytes_FormatsAndParsesBack()
    {
        var digest = BundleDigest.Of([]);

        Assert.Equal("sha256:" + EmptySha256, digest.ToString());
        Assert.Equal(EmptySha256, digest.Hex);
        Assert.Equal("sha256-" + EmptySha256, digest.FileStem);
        Assert.Equal(digest, BundleDigest.Parse(digest.ToString()));
        Assert.True(BundleDigest.IsValid(digest.ToString()));
    }

    [Theory]
    [InlineData(null, "bundle digest '' must start with 'sha256:'")]
    [InlineData("", "bundle digest '' must start with 'sha256:'")]
    [InlineData("md5:1234", "bundle digest 'md5:1234' must start with 'sha256:'")]
    [InlineData("sha256:abc", "bundle digest 'sha256:abc' must be 'sha256:' followed by 64 lower-case hex characters")]
    [InlineData("sha256:" + "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "bundle digest 'sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855' must be 'sha256:' followed by 64 lower-case hex characters")]
    public void TryParse_Malformed_FalseWithTheProblem(string? text, string message)
    {
        Assert.False(BundleDigest.TryParse(text, out var digest, out var error));

        Assert.Equal(message, error);
        Assert.Equal(default, digest);
        Assert.False(BundleDigest.IsValid(text));
        Assert.Equal(message, Assert.Throws<FormatException>(() => BundleDigest.Parse(text)).Message);
    }

    [Theory]
    [InlineData("sha256:" + EmptySha256 + "\n")] // the hub's former "^…$" regexes let a trailing newline through
    [InlineData("sha256:" + EmptySha256 + "0")]
    [InlineData(" sha256:" + EmptySha256)]
    [InlineData("sha256:" + "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void IsValid_AnythingButExactlyPrefixAnd64LowerHex_False(string text)
    {
        Assert.False(BundleDigest.IsValid(text));
        Assert.False(BundleDigest.TryParse(text, out _, out _));
    }

    [Fact]
    public void TryParse_LongText_ShortenedInTheError()
    {
        var text = "sha256:" + new string('z', 200);

        BundleDigest.TryParse(text, out _, out var error);

        Assert.Equal($"bundle digest '{text[..80]}…' must be 'sha256:' followed by 64 lower-case hex characters", error);
    }

    [Fact]
    public void Syntax_IsWhatTheHubsErrorsSay()
    {
        Assert.Equal("sha256:<64 lowercase hex>", BundleDigest.Syntax);
    }
}
