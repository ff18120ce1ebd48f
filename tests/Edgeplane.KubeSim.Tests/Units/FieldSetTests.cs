using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Apply;

namespace Edgeplane.KubeSim.Tests.Units;

public sealed class FieldSetTests
{
    [Fact]
    public void FieldsV1_RoundTrips_WithSelfMarkers()
    {
        var fields = JsonNode.Parse("""
            {"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{},"f:name":{}}}}}
            """)!.AsObject();

        var set = FieldSet.FromFieldsV1(fields);

        Assert.Equal(5, set.Count);
        Assert.True(JsonNode.DeepEquals(fields, set.ToFieldsV1()));
    }

    [Fact]
    public void Describe_ListItem_LikeKubeApiserver()
    {
        var path = FieldSet.Join(FieldSet.Join(FieldSet.Join("f:spec", "f:containers"), "k:{\"name\":\"app\"}"), "f:image");

        Assert.Equal(".spec.containers[name=\"app\"].image", FieldSet.Describe(path));
    }
}
