using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Sources;
using Edgeplane.Model.Tests;

namespace Edgeplane.Rendering.Tests;

/// <summary>
/// Byte limits of a render (<see cref="LoadLimits"/>): objects, ConfigMap and Secret data, bundles and <c>${var}</c>
/// expansion. Each refusal names the limit, where it is and the cluster; no bundle is produced, and nothing large is
/// built on the way.
/// </summary>
public sealed class RenderLimitsTests : IDisposable
{
    private const string App = "apps/app1/manifests/";
    private readonly TempFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    /// <summary>Loads the fleet (which must load), renders <paramref name="cluster"/> alone and then every cluster.</summary>
    private RenderResult Render(string cluster, LoadLimits? limits = null)
    {
        var loaded = FleetLoader.Load(_fleet.Root, limits);
        Assert.Empty(loaded.Diagnostics);
        var renderer = new FleetRenderer(loaded.Fleet!);
        var result = renderer.Render(cluster);
        var all = renderer.RenderAll();
        Assert.Equal(result.Succeeded, all.Succeeded);
        if (!result.Succeeded)
        {
            Assert.Null(result.Bundle);
            Assert.Empty(all.Bundles);
        }
        return result;
    }

    private static void AssertRefused(RenderResult result, params string[] expected)
    {
        Assert.Null(result.Bundle);
        Assert.Equal(expected, result.Diagnostics.Select(d => d.ToString()));
        Assert.All(result.Diagnostics, d => Assert.Equal("LimitExceeded", d.Code));
    }

    private static string Deployment(string name, string annotations) =>
        $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  annotations:\n{annotations}spec:\n  replicas: 1\n";

    private void UseVariable(string name, string value) =>
        _fleet.Replace("fleet.yaml", "      greeting: hello\n", $"      greeting: hello\n      {name}: {value}\n");

    [Fact]
    public void Render_AliasBombInAFileOnlyTheRendererReads_RefusedByTheDocumentLimit()
    {
        // validate reads *.yaml; a manifests path may name any file, so the renderer's own load must hold the limit too.
        _fleet.Write("apps/app1/bomb.txt", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  a0: &big " + new string('x', 500_000) + "\n"
            + string.Concat(Enumerable.Range(1, 399).Select(i => $"  a{i}: *big\n")));
        _fleet.Replace("apps/app1/app.yaml", "path: manifests", "path: bomb.txt");
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var result = Render("edge-a");

        Assert.Equal(["apps/app1/bomb.txt:10:7: document expands to more than 2 MiB (2097152 bytes) of keys and values, counting YAML aliases: it exceeds the document limit (MaxDocumentBytes)"],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 64L * 1024 * 1024);
    }

    [Fact]
    public void Render_AliasesUnderTheDocumentLimitMakingAnObjectOver1Point5MiB_Refused()
    {
        _fleet.Write(App + "big.yaml", Deployment("big", $"    a0: &s {new string('x', 600_000)}\n    a1: *s\n    a2: *s\n"));

        AssertRefused(Render("edge-a"),
            "apps/app1/manifests/big.yaml:1:1: Application/app1: Deployment \"big\" is more than 1.5 MiB (1572864 bytes) of JSON: it exceeds the object limit (MaxObjectBytes)");
    }

    [Fact]
    public void Render_ObjectExactlyAtTheObjectLimit_Renders_OneByteMoreIsRefused()
    {
        var limits = LoadLimits.Default with { MaxFileBytes = 4L * 1024 * 1024 };
        _fleet.Write(App + "big.yaml", Deployment("big", "    pad: x\n"));
        var small = Render("edge-a", limits).Bundle!.Objects.Single(o => o.Name == "big").Json.Length;
        var fill = 1 + (int)(limits.MaxObjectBytes - small);

        _fleet.Write(App + "big.yaml", Deployment("big", $"    pad: {new string('x', fill)}\n"));
        var atLimit = Render("edge-a", limits);
        _fleet.Write(App + "big.yaml", Deployment("big", $"    pad: {new string('x', fill + 1)}\n"));
        var overLimit = Render("edge-a", limits);

        Assert.Equal(1_572_864, atLimit.Bundle!.Objects.Single(o => o.Name == "big").Json.Length);
        // The fixed part is under the limit; the cluster's name and the namespace written per cluster take it over.
        AssertRefused(overLimit,
            "apps/app1/manifests/big.yaml:1:1: Application/app1: Deployment \"team-ns/big\" is more than 1.5 MiB (1572864 bytes) of JSON on cluster \"edge-a\": it exceeds the object limit (MaxObjectBytes)");
    }

    [Fact]
    public void Render_ConfigMapWithMoreThan1MiBOfData_RefusedAtItsData()
    {
        _fleet.Write(App + "cm-big.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  a: &v {new string('x', 600_000)}\n  b: *v\n");

        AssertRefused(Render("edge-a"),
            "apps/app1/manifests/cm-big.yaml:5:1: Application/app1: ConfigMap \"big\" holds 1.14 MiB (1200000 bytes) of data, more than the 1 MiB (1048576 bytes) ConfigMap and Secret data limit (MaxConfigDataBytes)");
    }

    [Fact]
    public void Render_SecretDataCountedDecodedWithStringDataReplacingDataOfTheSameKey()
    {
        var limits = LoadLimits.Default with { MaxFileBytes = 4L * 1024 * 1024 };
        var encoded = Convert.ToBase64String(new byte[600_000]);
        string Secret(string otherKey) => $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: net-system\n"
            + $"stringData:\n  {otherKey}: {new string('s', 500_000)}\ndata:\n  a: {encoded}\n";

        _fleet.Write("addons/net/manifests/secret.yaml", Secret("a"));
        var replaced = Render("edge-a", limits);
        _fleet.Write("addons/net/manifests/secret.yaml", Secret("b"));
        var both = Render("edge-a", limits);

        Assert.True(replaced.Succeeded, string.Join("\n", replaced.Diagnostics));
        AssertRefused(both,
            "addons/net/manifests/secret.yaml:8:1: AddOn/net: Secret \"net-system/creds\" holds 1.05 MiB (1100000 bytes) of data, more than the 1 MiB (1048576 bytes) ConfigMap and Secret data limit (MaxConfigDataBytes)");
    }

    [Fact]
    public void Render_ConfigMapDataFromAVariable_CountedPerCluster()
    {
        UseVariable("big", new string('v', 300_000));
        _fleet.Write(App + "cm-var.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: var\ndata:\n  a: ${big}\n  b: ${big}\n  c: ${big}\n  d: \"<${big}>\"\n");

        AssertRefused(Render("edge-a"),
            "apps/app1/manifests/cm-var.yaml:5:1: Application/app1: ConfigMap \"team-ns/var\" holds 1.14 MiB (1200002 bytes) of data, more than the 1 MiB (1048576 bytes) ConfigMap and Secret data limit (MaxConfigDataBytes) on cluster \"edge-a\"");
    }

    [Fact]
    public void Render_LargeVariableAsManyWholeValues_RefusedAtTheObjectLimit()
    {
        UseVariable("big", new string('v', 300_000));
        _fleet.Write(App + "many.yaml", Deployment("many", string.Concat(Enumerable.Range(0, 20).Select(i => $"    a{i}: ${{big}}\n"))));

        AssertRefused(Render("edge-a"),
            "apps/app1/manifests/many.yaml:1:1: Application/app1: Deployment \"team-ns/many\" is more than 1.5 MiB (1572864 bytes) of JSON on cluster \"edge-a\": it exceeds the object limit (MaxObjectBytes)");
    }

    [Fact]
    public void Render_LargeVariableRepeatedInOneString_StopsAtTheObjectLimitWithoutBuildingTheWholeString()
    {
        UseVariable("big", new string('v', 300_000));
        var repeated = string.Concat(Enumerable.Repeat("${big}", 20));
        _fleet.Write(App + "one.yaml", Deployment("one", $"    a: {repeated}\n"));
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var result = Render("edge-a");

        AssertRefused(result,
            $"apps/app1/manifests/one.yaml:6:8: Application/app1: \"{repeated[..77]}...\" expands to more than 1.5 MiB (1572864 bytes): it exceeds the object limit (MaxObjectBytes)");
        // The string would be 6 MB (12 MB as UTF-16) if it were built before being measured; RenderAll adds 3 clusters.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 48L * 1024 * 1024);
    }

    [Fact]
    public void Render_BundleOverAConfiguredLimit_Refused_ExactlyAtTheLimitRenders()
    {
        var size = Render("edge-a").Bundle!.CanonicalBytes.Length;

        var atLimit = Render("edge-a", LoadLimits.Default with { MaxBundleBytes = size });
        var small = Render("edge-a", LoadLimits.Default with { MaxBundleBytes = 1024 });

        Assert.Equal(size, atLimit.Bundle!.CanonicalBytes.Length);
        var error = Assert.Single(small.Diagnostics);
        Assert.Null(small.Bundle);
        Assert.Equal("LimitExceeded", error.Code);
        Assert.Matches(@"^[^:]+:\d+:\d+: the bundle of cluster ""edge-a"" is more than 1 KiB \(1024 bytes\): it exceeds the bundle limit \(MaxBundleBytes\); it went over with ", error.ToString());
    }

    [Fact]
    public void Render_BundleOneByteOverTheLimitInItsLastLine_RefusedAtTheCluster()
    {
        var size = Render("edge-a").Bundle!.CanonicalBytes.Length;

        var result = Render("edge-a", LoadLimits.Default with { MaxBundleBytes = size - 1 });

        AssertRefused(result,
            $"clusters/edge-a.yaml:1:1: the bundle of cluster \"edge-a\" is more than {ByteSizes.Describe(size - 1)}: it exceeds the bundle limit (MaxBundleBytes)");
    }
}
