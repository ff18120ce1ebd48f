using Edgeplane.Model.Loading;
using Edgeplane.Model.Tests.Yaml;

namespace Edgeplane.Model.Tests.Loading;

/// <summary>What <c>edgeplane validate</c> sees of an alias bomb in a manifest: the load fails before anything renders.</summary>
public sealed class DocumentBytesTests : IDisposable
{
    private readonly TempFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    [Fact]
    public void Load_ManifestAliasingA500KBString399Times_RefusedAtLoadNamingTheLimit()
    {
        _fleet.Write("apps/app1/manifests/bomb.yaml", YamlByteLimitTests.AliasedStringBomb(500_000, 399));

        var result = FleetLoader.Load(_fleet.Root);

        Assert.Null(result.Fleet);
        Assert.Equal(["apps/app1/manifests/bomb.yaml:10:7: document expands to more than 2 MiB (2097152 bytes) of keys and values, counting YAML aliases: it exceeds the document limit (MaxDocumentBytes)"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Load_FleetResourceWithAliasedVariables_RefusedAtLoad()
    {
        var big = new string('v', 300_000);
        _fleet.Write("clusters/edge-b.yaml", "apiVersion: edgeplane.dev/v1alpha1\nkind: Cluster\nmetadata:\n  name: edge-b\nspec:\n  layer: edge\n  region: north\n"
            + $"  site: site-b\n  provider: k3s\n  variables:\n    v0: &v {big}\n"
            + string.Concat(Enumerable.Range(1, 9).Select(i => $"    v{i}: *v\n")));

        var result = FleetLoader.Load(_fleet.Root);

        Assert.Null(result.Fleet);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("clusters/edge-b.yaml:17:9", error.Location.ToString());
        Assert.Equal("LimitExceeded", error.Code);
        Assert.Contains("(MaxDocumentBytes)", error.Message, StringComparison.Ordinal);
    }
}
