using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Protocol.Diff;

namespace Edgeplane.Protocol.Tests.Diff;

public sealed class SecretRedactionTests
{
    private const string Password = "hunter2-very-secret";

    private static BundleDocument Bundle(params JsonObject[] objects)
    {
        var document = new JsonObject
        {
            ["apiVersion"] = "edgeplane.dev/v1alpha1", ["kind"] = "Bundle", ["metadata"] = new JsonObject { ["name"] = "c1" },
            ["spec"] = new JsonObject { ["objects"] = new JsonArray([.. objects]), ["revision"] = "r" },
        };
        return BundleDocument.Parse(Encoding.UTF8.GetBytes(document.ToJsonString()));
    }

    private static JsonObject Secret(JsonObject labels, JsonObject annotations, JsonObject data, JsonObject? stringData = null, string apiVersion = "v1")
    {
        var secret = new JsonObject
        {
            ["apiVersion"] = apiVersion, ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "db", ["namespace"] = "ns", ["labels"] = labels, ["annotations"] = annotations },
            ["type"] = "Opaque", ["data"] = data,
        };
        if (stringData is not null)
        {
            secret["stringData"] = stringData;
        }
        return secret;
    }

    [Fact]
    public void Compare_RedactSecrets_ValuesMaskedKeysAndLabelsShown()
    {
        var lastApplied = new JsonObject { ["stringData"] = new JsonObject { ["password"] = Password } }.ToJsonString();
        var before = Bundle(Secret(new() { ["tier"] = "a" }, [], new() { ["password"] = "b2xk", ["user"] = "YQ==" }));
        var after = Bundle(Secret(new() { ["tier"] = "b" }, new() { ["kubectl.kubernetes.io/last-applied-configuration"] = lastApplied },
            new() { ["password"] = "bmV3", ["token"] = "dA==" }, new() { ["password"] = Password }));

        var diff = new BundleComparer(0) { RedactSecrets = true }.Compare("c1", before, after)!;

        var fields = Assert.Single(diff.Objects.Changed).Fields.ToDictionary(f => f.Path);
        Assert.Equal(["data.password", "data.token", "data.user", "metadata.annotations[kubectl.kubernetes.io/last-applied-configuration]",
            "metadata.labels.tier", "stringData"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("a", "b", false), ((string?)fields["metadata.labels.tier"].From, (string?)fields["metadata.labels.tier"].To, fields["metadata.labels.tier"].Redacted));
        Assert.Equal((SecretRedaction.Marker, SecretRedaction.Marker, true), ((string?)fields["data.password"].From, (string?)fields["data.password"].To, fields["data.password"].Redacted));
        Assert.Equal((null, SecretRedaction.Marker, true), (fields["data.token"].From, (string?)fields["data.token"].To, fields["data.token"].Added));
        Assert.Equal("""{"password":"(redacted)"}""", fields["stringData"].To!.ToJsonString());
        var shown = string.Join("\n", diff.Objects.Changed[0].Fields.Select(f => $"{f.From?.ToJsonString()} {f.To?.ToJsonString()}"));
        Assert.DoesNotContain(Password, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("bmV3", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("b2xk", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_WithoutRedaction_SecretValuesShownAsTheCliShowsThem()
    {
        var before = Bundle(Secret([], [], new() { ["password"] = "b2xk" }));
        var after = Bundle(Secret([], [], new() { ["password"] = "bmV3" }));

        var field = Assert.Single(Assert.Single(new BundleComparer(0).Compare("c1", before, after)!.Objects.Changed).Fields);

        Assert.Equal(("b2xk", "bmV3", false), ((string?)field.From, (string?)field.To, field.Redacted));
    }

    [Fact]
    public void Compare_RedactSecrets_OtherKindsKeepTheirValues()
    {
        static JsonObject ConfigMap(string value) => new()
        {
            ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "db", ["namespace"] = "ns" },
            ["data"] = new JsonObject { ["password"] = value },
        };

        var diff = new BundleComparer(0) { RedactSecrets = true }.Compare("c1",
            Bundle(ConfigMap("a"), Secret([], [], new() { ["v"] = "x" }, apiVersion: "example.com/v1")),
            Bundle(ConfigMap("b"), Secret([], [], new() { ["v"] = "y" }, apiVersion: "example.com/v1")))!;

        Assert.Equal([("a", "b"), ("x", "y")], diff.Objects.Changed.Select(o => ((string?)o.Fields[0].From, (string?)o.Fields[0].To)));
        Assert.All(diff.Objects.Changed, o => Assert.False(o.Fields[0].Redacted));
    }
}
