using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Protocol.Diff;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Protocol.Tests.Diff;

public sealed class BundleComparerTests
{
    private static BundleDocument Bundle(string revision, string drift = "correct", params string[] objects) =>
        BundleDocument.Parse(Encoding.UTF8.GetBytes(
            $$$"""{"apiVersion":"edgeplane.dev/v1alpha1","kind":"Bundle","metadata":{"name":"c1"},"spec":{"drift":"{{{drift}}}","objects":[{{{string.Join(",", objects)}}}],"prune":true,"revision":"{{{revision}}}"}}"""));

    private static string ConfigMap(string name, string revision, string value) =>
        $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{"edgeplane.dev/source-revision":"{{{revision}}}"},"name":"{{{name}}}","namespace":"ns"},"data":{"k":"{{{value}}}"}}""";

    [Fact]
    public void Compare_OnlyTheRevisionStampsDiffer_NoChange()
    {
        var diff = new BundleComparer(20).Compare("c1", Bundle("r1", "correct", ConfigMap("a", "r1", "v")), Bundle("r2", "correct", ConfigMap("a", "r2", "v")));

        Assert.Null(diff);
    }

    [Fact]
    public void Compare_ValueDriftAndOrderChanged_ObjectFieldsAndBundleFields()
    {
        var before = Bundle("r1", "correct", ConfigMap("a", "r1", "v"), ConfigMap("b", "r1", "v"));
        var after = Bundle("r2", "report", ConfigMap("b", "r2", "v"), ConfigMap("a", "r2", "w"));

        var diff = new BundleComparer(20).Compare("c1", before, after)!;

        Assert.Equal(ClusterDiff.Changed, diff.Change);
        Assert.Equal(["edgeplane.dev/v1alpha1/Bundle/c1", "v1/ConfigMap/ns/a"], diff.Objects.Changed.Select(o => o.Id));
        Assert.Equal(["spec.drift", "spec.objects[v1/ConfigMap/ns/a] (position)"], diff.Objects.Changed[0].Fields.Select(f => f.Path));
        Assert.Equal(("\"correct\"", "\"report\""), (diff.Objects.Changed[0].Fields[0].From!.ToJsonString(), diff.Objects.Changed[0].Fields[0].To!.ToJsonString()));
        Assert.Equal((0, 1), ((int)diff.Objects.Changed[0].Fields[1].From!, (int)diff.Objects.Changed[0].Fields[1].To!));
        var field = Assert.Single(diff.Objects.Changed[1].Fields);
        Assert.Equal(("data.k", "v", "w"), (field.Path, (string?)field.From, (string?)field.To));
    }

    [Fact]
    public void Compare_ApiVersionMoved_OneChangedObjectNotAnAddAndARemove()
    {
        static string Policy(string version) =>
            $$$"""{"apiVersion":"security.istio.io/{{{version}}}","kind":"PeerAuthentication","metadata":{"name":"default","namespace":"istio-system"}}""";

        var diff = new BundleComparer(20).Compare("c1", Bundle("r", "correct", Policy("v1beta1")), Bundle("r", "correct", Policy("v1")))!;

        Assert.Empty(diff.Objects.Added);
        Assert.Empty(diff.Objects.Removed);
        var change = Assert.Single(diff.Objects.Changed);
        Assert.Equal("security.istio.io/v1/PeerAuthentication/istio-system/default", change.Id);
        Assert.Equal("apiVersion", Assert.Single(change.Fields).Path);
    }

    [Fact]
    public void Compare_ClusterOnOneSide_AddedOrRemovedWithEveryObject()
    {
        var bundle = Bundle("r", "correct", ConfigMap("a", "r", "v"), """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ns"}}""");

        var added = new BundleComparer(20).Compare("c1", null, bundle)!;
        var removed = new BundleComparer(20).Compare("c1", bundle, null)!;

        Assert.Equal((ClusterDiff.Added, ClusterDiff.Removed), (added.Change, removed.Change));
        Assert.Equal(["v1/ConfigMap/ns/a", "v1/Namespace/ns"], added.Objects.Added);
        Assert.Equal(["v1/ConfigMap/ns/a", "v1/Namespace/ns"], removed.Objects.Removed);
    }

    [Fact]
    public void Compare_ValuesKept_AreCopiesOutsideTheDocuments()
    {
        var after = Bundle("r", "correct", ConfigMap("a", "r", "w"));

        var field = new BundleComparer(20).Compare("c1", Bundle("r", "correct", ConfigMap("a", "r", "v")), after)!.Objects.Changed[0].Fields[0];

        Assert.Null(field.To!.Parent);
        Assert.Equal("w", (string?)after.Objects[0]["data"]!["k"]);
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 }, new[] { 0, 1, 2, 3 })]
    [InlineData(new[] { 3, 0, 1, 2 }, new[] { 1, 2, 3 })]
    [InlineData(new[] { 1, 2, 3, 0 }, new[] { 0, 1, 2 })]
    [InlineData(new[] { 2, 0, 3, 1, 4 }, new[] { 1, 3, 4 })]
    [InlineData(new int[0], new int[0])]
    public void LongestIncreasing_KeepsTheLongestRunInOrder(int[] values, int[] expected) =>
        Assert.Equal(expected, BundleComparer.LongestIncreasing(values));

    [Fact]
    public void Compare_OneObjectMovedToTheFront_OneMoveNotAShiftOfTheOthers()
    {
        string[] names = ["a", "b", "c", "d"];
        var before = Bundle("r", "correct", [.. names.Select(n => ConfigMap(n, "r", "v"))]);
        var after = Bundle("r", "correct", [.. new[] { "d", "a", "b", "c" }.Select(n => ConfigMap(n, "r", "v"))]);

        var diff = new BundleComparer(20).Compare("c1", before, after)!;

        var move = Assert.Single(Assert.Single(diff.Objects.Changed).Fields);
        Assert.Equal(("spec.objects[v1/ConfigMap/ns/d] (position)", 3, 0), (move.Path, (int)move.From!, (int)move.To!));
    }
}
