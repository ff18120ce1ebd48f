using System.Text.Json.Nodes;
using Edgeplane.Model.Sources;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Model.Tests.Yaml;

public sealed class YamlLoaderTests
{
    [Fact]
    public void Load_MultipleDocuments_KeepsLineAndColumnOfEveryNode()
    {
        var result = YamlLoader.Load("a.yaml", "kind: A\n---\n# empty\n---\nkind: B\nspec:\n  items:\n    - x: 1\n");

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Documents.Count);
        var second = result.Documents[1];
        Assert.Equal(2, second.Index);
        var item = second.Root["spec"]!["items"]![0]!.AsObject();
        Assert.Equal("a.yaml:8:7", second.Map.Of(item).ToString());
        Assert.Equal("a.yaml:8:7", second.Map.OfKey(item, "x").ToString());
        Assert.Equal("a.yaml:8:10", second.Map.OfValue(item, "x").ToString());
    }

    [Theory]
    [InlineData("v: true", true)]
    [InlineData("v: 42", 42L)]
    [InlineData("v: 0x1F", 31L)]
    [InlineData("v: 0o17", 15L)]
    [InlineData("v: 1.5", 1.5)]
    [InlineData("v: \"true\"", "true")]
    [InlineData("v: yes", "yes")]
    [InlineData("v: !!str 12", "12")]
    [InlineData("v: 1.2.3", "1.2.3")]
    [InlineData("v: v1.30.4", "v1.30.4")]
    public void Load_Scalars_ResolveWithCoreSchema(string yaml, object expected)
    {
        var value = YamlLoader.Load("s.yaml", yaml).Documents[0].Root["v"]!.AsValue();

        switch (expected)
        {
            case bool b: Assert.Equal(b, value.GetValue<bool>()); break;
            case long l: Assert.Equal(l, value.GetValue<long>()); break;
            case double d: Assert.Equal(d, value.GetValue<double>()); break;
            default: Assert.Equal(expected, value.GetValue<string>()); break;
        }
    }

    [Theory]
    [InlineData("v: ~")]
    [InlineData("v: null")]
    [InlineData("v:")]
    public void Load_NullForms_GiveNull(string yaml)
    {
        var root = YamlLoader.Load("n.yaml", yaml).Documents[0].Root.AsObject();

        Assert.True(root.ContainsKey("v"));
        Assert.Null(root["v"]);
    }

    [Fact]
    public void Load_DuplicateKey_ReportsBothLines()
    {
        var result = YamlLoader.Load("d.yaml", "a: 1\nb: 2\na: 3\n");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("d.yaml:3:1: duplicate key \"a\" (first at line 1)", error.ToString());
    }

    [Fact]
    public void Load_MalformedYaml_ReportsPosition()
    {
        var result = YamlLoader.Load("bad.yaml", "a: [1, 2\nb: 3\n");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("InvalidYaml", error.Code);
        Assert.StartsWith("bad.yaml:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AliasBomb_StopsAtNodeLimit()
    {
        var bomb = string.Join("\n", new[]
        {
            "a: &a [x, x, x, x, x, x, x, x, x, x]",
            "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
            "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
            "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
            "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]",
        });

        var result = YamlLoader.Load("bomb.yaml", bomb, new LoadLimits { MaxNodesPerDocument = 50_000 });

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("LimitExceeded", error.Code);
        Assert.Contains("more than 50000 nodes", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Documents);
    }

    [Fact]
    public void Load_DeepNesting_StopsAtDepthLimit()
    {
        var deep = new string('[', 100) + new string(']', 100);

        var result = YamlLoader.Load("deep.yaml", deep, new LoadLimits { MaxDepth = 64 });

        Assert.Contains("deeper than 64 levels", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TooManyDocuments_StopsAtLimit()
    {
        var text = string.Concat(Enumerable.Repeat("---\na: 1\n", 5));

        var result = YamlLoader.Load("many.yaml", text, new LoadLimits { MaxDocumentsPerFile = 3 });

        Assert.Contains("more than 3 YAML documents", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AliasAndMergeKey_ExpandIntoCopies()
    {
        var result = YamlLoader.Load("m.yaml", "base: &b {x: 1, y: 2}\nmerged:\n  <<: *b\n  y: 3\ncopy: *b\n");

        var root = result.Documents[0].Root;
        Assert.Equal(1, root["merged"]!["x"]!.GetValue<long>());
        Assert.Equal(3, root["merged"]!["y"]!.GetValue<long>());
        Assert.Equal(2, root["copy"]!["y"]!.GetValue<long>());
    }

    [Fact]
    public void WriterThenLoader_RoundTripsAmbiguousStrings()
    {
        var original = JsonNode.Parse("""{"a":"true","b":"1.5","c":"","d":"line1\nline2\n","e":[],"f":{},"g":null,"h":7,"i":"x: y"}""")!;

        var text = YamlWriter.Write(original);
        var back = YamlLoader.Load("rt.yaml", text).Documents[0].Root;

        Assert.True(JsonNode.DeepEquals(original, back), text);
    }

    [Fact]
    public void Write_MultilineWithControlCharacters_EscapesThemAndRoundTrips()
    {
        var original = new JsonObject { ["s"] = "line one\n\tbell \u0007 sep\u2028arator\n" };

        var text = YamlWriter.Write(original);
        var back = YamlLoader.Load("rt.yaml", text);

        // YAML forbids raw control characters (Go's YAML parser used by kubectl rejects them).
        Assert.DoesNotContain('\u0007', text);
        Assert.DoesNotContain('\u2028', text);
        Assert.True(back.Succeeded, text);
        Assert.Equal("line one\n\tbell \u0007 sep\u2028arator\n", back.Documents[0].Root["s"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("On")]
    [InlineData("n")]
    public void Write_Yaml11Booleans_AreQuotedForOlderReaders(string text)
    {
        var yaml = YamlWriter.Write(new JsonObject { ["v"] = text });

        Assert.Equal($"v: \"{text}\"\n", yaml);
    }
}
