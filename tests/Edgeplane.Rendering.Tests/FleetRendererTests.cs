using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Specs;
using Edgeplane.Model.Tests;

namespace Edgeplane.Rendering.Tests;

public sealed class FleetRendererTests
{
    private static FleetRenderer Renderer(TempFleet fleet)
    {
        var loaded = FleetLoader.Load(fleet.Root);
        Assert.Empty(loaded.Diagnostics);
        return new FleetRenderer(loaded.Fleet!);
    }

    [Fact]
    public void Render_SameInputTwice_ByteIdentical()
    {
        using var fleet = new TempFleet();

        var first = Renderer(fleet).Render("edge-a", new RenderOptions { Revision = "r1" }).Bundle!;
        var second = Renderer(fleet).Render("edge-a", new RenderOptions { Revision = "r1" }).Bundle!;

        Assert.Equal(first.CanonicalBytes.ToArray(), second.CanonicalBytes.ToArray());
        Assert.Equal(first.Digest, second.Digest);
    }

    [Fact]
    public void Render_Digest_IsSha256OfTheCanonicalBytes()
    {
        using var fleet = new TempFleet();

        var bundle = Renderer(fleet).Render("edge-a").Bundle!;

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bundle.CanonicalBytes.Span)), bundle.Digest);
        var document = JsonNode.Parse(bundle.CanonicalBytes.Span)!;
        Assert.Equal("Bundle", (string?)document["kind"]);
        Assert.Equal("edge-a", (string?)document["metadata"]!["name"]);
        Assert.Equal("unversioned", (string?)document["spec"]!["revision"]);
        Assert.Equal(bundle.Objects.Count, document["spec"]!["objects"]!.AsArray().Count);
    }

    [Fact]
    public void Render_OnlyRevisionChanges_ContentDigestStays()
    {
        using var fleet = new TempFleet();
        var renderer = Renderer(fleet);

        var one = renderer.Render("edge-a", new RenderOptions { Revision = "aaa" }).Bundle!;
        var two = renderer.Render("edge-a", new RenderOptions { Revision = "bbb" }).Bundle!;

        Assert.NotEqual(one.Digest, two.Digest);
        Assert.Equal(one.ContentDigest, two.ContentDigest);
        var stripped = Encoding.UTF8.GetString(one.CanonicalBytes.Span).Replace(",\"edgeplane.dev/source-revision\":\"aaa\"", "", StringComparison.Ordinal)
            .Replace(",\"revision\":\"aaa\"", "", StringComparison.Ordinal);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stripped))), one.ContentDigest);
    }

    [Fact]
    public void RenderAll_OneSiteVariableChanged_OnlyThatSiteDigestChanges()
    {
        using var fleet = new TempFleet();
        var before = Renderer(fleet).RenderAll().Bundles.ToDictionary(b => b.ClusterName, b => b.Digest);

        fleet.Replace("fleet.yaml", "            tier: platinum", "            tier: diamond");
        var after = Renderer(fleet).RenderAll().Bundles.ToDictionary(b => b.ClusterName, b => b.Digest);

        Assert.Equal(["edge-a"], before.Keys.Where(c => before[c] != after[c]));
        Assert.Equal(3, after.Count);
    }

    [Fact]
    public void Render_SiteOverridesRegionAndClusterOverridesSite()
    {
        using var fleet = new TempFleet();
        var renderer = Renderer(fleet);

        string Tier(string cluster) => (string)renderer.Render(cluster).Bundle!.Objects.Single(o => o.Name == "net").ToJsonObject()["data"]!["tier"]!;

        Assert.Equal("platinum", Tier("edge-a"));
        Assert.Equal("bronze", Tier("edge-c"));
    }

    [Fact]
    public void Render_Order_CrdsThenNamespacesThenByDependency()
    {
        using var fleet = new TempFleet();

        var objects = Renderer(fleet).Render("edge-a").Bundle!.Objects;

        Assert.Equal(
        [
            "Namespace net-system", "Namespace mesh-system", "Namespace team-ns", "ConfigMap net-system/net",
            "Deployment mesh-system/meshd", "NetworkPolicy team-ns/edgeplane-workspace-isolation",
            "ServiceAccount team-ns/edgeplane-workspace", "RoleBinding team-ns/edgeplane-workspace",
            "ConfigMap team-ns/app1",
        ], objects.Select(o => o.ToString()));
        Assert.All(objects, o => Assert.Equal("edge-a", (string?)o.ToJsonObject()["metadata"]!["labels"]!["edgeplane.dev/cluster"]));
    }

    [Fact]
    public void Render_ClusterWithoutProfiles_GetsOnlyWhatItEnables()
    {
        using var fleet = new TempFleet();
        fleet.Replace("clusters/cloud-1.yaml", "provider: eks", "provider: eks\n  addOns:\n    net: {enabled: true, version: \"1.1.0\"}");

        var bundle = Renderer(fleet).Render("cloud-1").Bundle!;

        Assert.Equal(["AddOn/net", "AddOn/net"], bundle.Objects.Select(o => o.Source));
        Assert.Equal("v1.1.0", (string?)bundle.Objects[1].ToJsonObject()["data"]!["version"]);
    }

    [Fact]
    public void Render_EscapedReference_StaysLiteral()
    {
        using var fleet = new TempFleet();
        fleet.Replace("apps/app1/manifests/cm.yaml", "greeting: ${greeting}", "greeting: \"$${greeting} costs $5\"");

        var bundle = Renderer(fleet).Render("edge-a").Bundle!;

        Assert.Equal("${greeting} costs $5", (string?)bundle.Objects.Single(o => o.Name == "app1").ToJsonObject()["data"]!["greeting"]);
    }

    [Fact]
    public void RenderAll_Parallel_SameAsOneByOne()
    {
        using var fleet = new TempFleet();
        var renderer = Renderer(fleet);

        var all = renderer.RenderAll(new RenderOptions { MaxDegreeOfParallelism = 2 });

        Assert.Equal(["cloud-1", "edge-a", "edge-c"], all.Bundles.Select(b => b.ClusterName));
        Assert.All(all.Bundles, b => Assert.Equal(renderer.Render(b.ClusterName).Bundle!.Digest, b.Digest));
        Assert.Equal(DriftPolicy.Correct, all.Bundles[0].Drift);
    }
}
