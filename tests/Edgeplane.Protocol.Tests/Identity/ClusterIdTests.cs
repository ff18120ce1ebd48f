using Edgeplane.Protocol.Identity;

namespace Edgeplane.Protocol.Tests.Identity;

public sealed class ClusterIdTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("a-b")]
    [InlineData("edge-berlin-042")]
    [InlineData("0")]
    public void TryParse_Dns1123Label_Accepted(string text)
    {
        Assert.True(ClusterId.TryParse(text, out var id, out _));
        Assert.Equal(text, id.Value);
    }

    [Theory]
    [InlineData(null, "cluster id is empty")]
    [InlineData("", "cluster id is empty")]
    [InlineData("A", "cluster id 'A' has 'A' at position 1; a cluster id is a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit")]
    [InlineData("a ", "cluster id 'a ' has ' ' at position 2; a cluster id is a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit")]
    [InlineData("-a", "cluster id '-a' has '-' at position 1; a cluster id is a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit")]
    [InlineData("a:b", "cluster id 'a:b' has ':' at position 2; a cluster id is a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit")]
    [InlineData("t\u0435nant", "cluster id 't\\u0435nant' has '\\u0435' at position 2; a cluster id is a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit")]
    [InlineData("a\u202eb", "cluster id 'a\\u202eb' has '\\u202e' at position 2; a cluster id is a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit")]
    public void TryParse_NotALabel_Rejected(string? text, string expected)
    {
        Assert.False(ClusterId.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_64Characters_Rejected()
    {
        var text = new string('a', 64);

        Assert.False(ClusterId.TryParse(text, out _, out var error));
        Assert.Equal($"cluster id '{text}' is 64 characters long; at most 63 are allowed", error);
    }

    [Fact]
    public void Equality_IsExact()
    {
        Assert.NotEqual(ClusterId.Parse("a"), ClusterId.Parse("a-b"));
        Assert.Equal(ClusterId.Parse("a-b"), ClusterId.Parse("a-b"));
    }
}
