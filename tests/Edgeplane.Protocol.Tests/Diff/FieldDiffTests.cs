using System.Text.Json.Nodes;
using Edgeplane.Protocol.Diff;

namespace Edgeplane.Protocol.Tests.Diff;

public sealed class FieldDiffTests
{
    private static List<(string Path, string From, string To)> Diff(string from, string to, Func<string, bool>? ignore = null) =>
        FieldDiff.Compare(JsonNode.Parse(from), JsonNode.Parse(to), ignore)
            .Select(c => (c.Path, c.Added ? "(none)" : c.From?.ToJsonString() ?? "null", c.Removed ? "(none)" : c.To?.ToJsonString() ?? "null"))
            .ToList();

    [Fact]
    public void Compare_EqualDocuments_NoChange() =>
        Assert.Empty(Diff("""{"a":{"b":[1,{"c":true}]},"d":null}""", """{"d":null,"a":{"b":[1,{"c":true}]}}"""));

    [Fact]
    public void Compare_ContainerImage_PathNamesTheContainer()
    {
        var changes = Diff(
            """{"spec":{"containers":[{"name":"app","image":"a:1"},{"name":"istio-proxy","image":"p:1"}]}}""",
            """{"spec":{"containers":[{"name":"app","image":"a:1"},{"name":"istio-proxy","image":"p:2"}]}}""");

        Assert.Equal([("spec.containers[name=istio-proxy].image", "\"p:1\"", "\"p:2\"")], changes);
    }

    [Fact]
    public void Compare_NamedItemAddedRemovedAndReordered_OneChangeEach()
    {
        var changes = Diff(
            """{"env":[{"name":"A","value":"1"},{"name":"B","value":"2"},{"name":"C","value":"3"}]}""",
            """{"env":[{"name":"B","value":"2"},{"name":"A","value":"1"},{"name":"D","value":"4"}]}""");

        Assert.Equal(
        [
            ("env[name=C]", """{"name":"C","value":"3"}""", "(none)"),
            ("env[name=D]", "(none)", """{"name":"D","value":"4"}"""),
            ("env (order)", """["A","B"]""", """["B","A"]"""),
        ], changes);
    }

    [Fact]
    public void Compare_ListsWithoutNames_ByIndexWhenTheLengthHolds_WholeOtherwise()
    {
        Assert.Equal([("args[1]", "\"-v\"", "\"-vv\"")], Diff("""{"args":["run","-v"]}""", """{"args":["run","-vv"]}"""));
        Assert.Equal([("args", """["run"]""", """["run","-v"]""")], Diff("""{"args":["run"]}""", """{"args":["run","-v"]}"""));
        Assert.Equal([("ports[0].port", "80", "8080")], Diff("""{"ports":[{"port":80}]}""", """{"ports":[{"port":8080}]}"""));
    }

    [Fact]
    public void Compare_DuplicateNames_FallBackToIndexes() =>
        Assert.Equal([("x[1].v", "2", "3")], Diff("""{"x":[{"name":"a","v":1},{"name":"a","v":2}]}""", """{"x":[{"name":"a","v":1},{"name":"a","v":3}]}"""));

    [Fact]
    public void Compare_FieldOnOneSide_OneChangeWithTheWholeValueAndAbsenceMarked()
    {
        var changes = FieldDiff.Compare(JsonNode.Parse("""{"a":{"x":1},"n":null}"""), JsonNode.Parse("""{"b":{"y":{"z":2}}}"""));

        Assert.Equal(["a", "b", "n"], changes.Select(c => c.Path));
        Assert.True(changes[0].Removed && !changes[0].Added);
        Assert.True(changes[1].Added && !changes[1].Removed);
        Assert.True(changes[2].Removed && changes[2].From is null); // a JSON null that went away is still a change
    }

    [Fact]
    public void Compare_KeysThatAreNotSimple_InBrackets() =>
        Assert.Equal([("metadata.labels[app.kubernetes.io/version]", "\"1\"", "\"2\"")],
            Diff("""{"metadata":{"labels":{"app.kubernetes.io/version":"1"}}}""", """{"metadata":{"labels":{"app.kubernetes.io/version":"2"}}}"""));

    [Fact]
    public void Compare_TypeChanged_OneChange() =>
        Assert.Equal([("a", """{"b":1}""", "[1]")], Diff("""{"a":{"b":1}}""", """{"a":[1]}"""));

    [Fact]
    public void Compare_IgnoredPath_SkippedWhetherChangedAddedOrRemoved()
    {
        static bool Ignore(string path) => path == "metadata.annotations[edgeplane.dev/source-revision]";

        Assert.Empty(Diff("""{"metadata":{"annotations":{"edgeplane.dev/source-revision":"r1"}}}""",
            """{"metadata":{"annotations":{"edgeplane.dev/source-revision":"r2"}}}""", Ignore));
        Assert.Equal([("metadata.annotations.keep", "(none)", "\"x\"")], Diff("""{"metadata":{"annotations":{"edgeplane.dev/source-revision":"r1"}}}""",
            """{"metadata":{"annotations":{"keep":"x"}}}""", Ignore));
    }
}
