using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Rendering.Canonical;

namespace Edgeplane.Rendering.Tests;

public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(-0.25, "-0.25")]
    [InlineData(3.0, "3")]
    [InlineData(123456789.125, "123456789.125")]
    public void FormatDouble_EcmaScriptForm(double value, string expected) => Assert.Equal(expected, CanonicalJson.FormatDouble(value));

    [Fact]
    public void Serialize_SortsKeysAndEscapesMinimally()
    {
        var node = JsonNode.Parse("""{"b":1,"a":{"z":"é\n\"<>","y":[true,null,2]}}""");

        Assert.Equal("{\"a\":{\"y\":[true,null,2],\"z\":\"é\\n\\\"<>\"},\"b\":1}", Encoding.UTF8.GetString(CanonicalJson.Serialize(node)));
    }
}
