using System.Text.Json.Nodes;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Tests;
using Edgeplane.Rendering.Bundles;

namespace Edgeplane.Rendering.Tests.Provisioning;

/// <summary>
/// A private copy of testdata/provisioning: a management cluster "mgmt" and one cluster per backend, each provisioned
/// through the example fleet's ClusterTemplate for it (linked into the copy as templates/).
/// </summary>
internal sealed class ProvisioningFleet : IDisposable
{
    public const string ManagementCluster = "mgmt";

    public TempFleet Files { get; } = new("provisioning");

    public void Dispose() => Files.Dispose();

    public FleetRenderer Renderer()
    {
        var loaded = FleetLoader.Load(Files.Root);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        return new FleetRenderer(loaded.Fleet!);
    }

    /// <summary>The management cluster's bundle.</summary>
    public Bundle Management()
    {
        var result = Renderer().Render(ManagementCluster);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Bundle!;
    }

    /// <summary>What the management cluster's bundle holds for <paramref name="cluster"/>, in bundle order.</summary>
    public static List<BundleObject> Of(Bundle bundle, string cluster) =>
        bundle.Objects.Where(o => o.Source == $"Cluster/{cluster}").ToList();

    /// <summary>The one object of <paramref name="kind"/> among <paramref name="objects"/>.</summary>
    public static JsonObject Single(IEnumerable<BundleObject> objects, string kind) => objects.Single(o => o.Kind == kind).ToJsonObject();
}
