using System.Text.Json.Nodes;
using Edgeplane.Model.Loading;
using Edgeplane.Rendering;
using Edgeplane.Rendering.Bundles;

namespace Edgeplane.Cli.Tests;

/// <summary>examples/fleet must always load, validate and render, and its bundles must be applicable to KubeSim.</summary>
public sealed class ExampleFleetTests
{
    private static readonly string Example = Path.Combine(CliRun.RepoRoot(), "examples", "fleet");

    private static IReadOnlyList<Bundle> RenderExample(string dir)
    {
        var loaded = FleetLoader.Load(dir);
        Assert.Empty(loaded.Diagnostics);
        var all = new FleetRenderer(loaded.Fleet!).RenderAll(new RenderOptions { Revision = "test" });
        Assert.Empty(all.Diagnostics);
        return all.Bundles;
    }

    [Fact]
    public async Task Validate_Example_ExitsZero()
    {
        var run = await CliRun.Of("validate", Example);

        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("acme-telco: valid; ", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderAll_Example_ShapeOfTheFleet()
    {
        var bundles = RenderExample(Example);

        Assert.Equal(30, bundles.Count);
        Assert.Equal(24, bundles.Count(b => b.ClusterName.StartsWith("edge-", StringComparison.Ordinal)));
        var edge = bundles.Single(b => b.ClusterName == "edge-muc-01");
        Assert.Contains(edge.Objects, o => o.Kind == "VirtualMachine" && o.Source == "NetworkFunction/vrouter");
        Assert.DoesNotContain(bundles.Single(b => b.ClusterName == "edge-ber-01").Objects, o => o.Kind == "VirtualMachine");
        Assert.DoesNotContain(edge.Objects, o => o.Source is "AddOn/cert-manager" or "AddOn/iam" or "AddOn/monitoring-stack");
        var mgmt = bundles.Single(b => b.ClusterName == "eks-eu-west");
        Assert.Contains(mgmt.Objects, o => o.Kind == "OpenStackCluster" && o.Name == "os-fra");
        Assert.Contains(mgmt.Objects, o => o.Kind == "VSphereCluster" && o.Name == "vs-iad");
        Assert.Contains(bundles.Single(b => b.ClusterName == "aks-us-east").Objects, o => o.Kind == "OCIRepository" && o.Namespace == "analytics");
    }

    [Fact]
    public void RenderAll_Example_MeshIsStrictEverywhere()
    {
        foreach (var bundle in RenderExample(Example))
        {
            var mtls = bundle.Objects.Single(o => o.Kind == "PeerAuthentication").ToJsonObject();
            Assert.Equal("STRICT", (string?)mtls["spec"]!["mtls"]!["mode"]);
        }
    }

    [Fact]
    public void RenderAll_Example_EveryCustomResourceHasItsCrdEarlierInTheSameBundle()
    {
        var builtinGroups = new HashSet<string> { "", "apps", "batch", "rbac.authorization.k8s.io", "apiextensions.k8s.io", "networking.k8s.io", "policy" };
        foreach (var bundle in RenderExample(Example))
        {
            var defined = new HashSet<(string, string)>();
            foreach (var obj in bundle.Objects)
            {
                var json = obj.ToJsonObject();
                if (obj.Kind == "CustomResourceDefinition")
                {
                    defined.Add(((string)json["spec"]!["group"]!, (string)json["spec"]!["names"]!["kind"]!));
                    continue;
                }
                var group = obj.ApiVersion.Contains('/', StringComparison.Ordinal) ? obj.ApiVersion[..obj.ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
                Assert.True(builtinGroups.Contains(group) || defined.Contains((group, obj.Kind)),
                    $"{bundle.ClusterName}: {obj} ({obj.ApiVersion}) has no CRD before it in the bundle");
            }
        }
    }

    [Fact]
    public async Task Render_ExampleTwice_IdenticalFiles()
    {
        var dir = Directory.CreateTempSubdirectory("ep-example-").FullName;
        try
        {
            var first = await CliRun.Of("render", Example, "--all", "--out", Path.Combine(dir, "a"), "--revision", "r1", "-o", "json");
            var second = await CliRun.Of("render", Example, "--all", "--out", Path.Combine(dir, "b"), "--revision", "r1", "-o", "json");

            Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
            var files = Directory.GetFiles(Path.Combine(dir, "a")).Select(Path.GetFileName).Order().ToList();
            Assert.Equal(31, files.Count);
            Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a", f!)), File.ReadAllBytes(Path.Combine(dir, "b", f!))));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FleetGenerator_ScaledExample_IsDeterministicAndRenders()
    {
        var dir = Directory.CreateTempSubdirectory("ep-gen-").FullName;
        try
        {
            FleetGenerator.FleetGenerator.Generate(Example, Path.Combine(dir, "a"), 60);
            FleetGenerator.FleetGenerator.Generate(Example, Path.Combine(dir, "b"), 60);

            var a = Directory.GetFiles(Path.Combine(dir, "a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(dir, "a"), f)).Order().ToList();
            Assert.All(a, f => Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a", f)), File.ReadAllBytes(Path.Combine(dir, "b", f))));
            var bundles = RenderExample(Path.Combine(dir, "a"));
            Assert.Equal(66, bundles.Count);
            Assert.Contains(bundles, b => b.ClusterName == "edge-site-00059");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
