using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Tests.Fleet;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>The real compiler hands the hub each workspace of examples/fleet with its members and the clusters its targets select.</summary>
public sealed class ExampleFleetDirectoryTests
{
    [Fact]
    public async Task Compile_ExampleFleet_RanWorkspace_MembersNamespacesAndTargetedClusters()
    {
        var compiler = new FleetRevisionCompiler(HubHost.Options("unused", "unused", null));

        var result = await compiler.CompileAsync(ExampleFleet.SourceDirectory, new string('a', 40), default);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var ran = Assert.Single(result.Workspaces!, w => w.Name == "ran");
        Assert.Equal(new Dictionary<string, string> { ["group:ran-ops"] = "admin", ["user:lena@acme.example.net"] = "member" }, ran.Members);
        Assert.Equal(["ran-du", "ran-vrouter"], ran.Namespaces);
        Assert.Contains("edge-muc-01", ran.Clusters);
        var layers = result.Clusters.ToDictionary(c => c.Declaration.Name, c => c.Declaration.Layer);
        Assert.All(ran.Clusters, c => Assert.Contains(layers[c], new[] { "edge", "regional" }));
        Assert.Equal(layers.Count(l => l.Value is "edge" or "regional"), ran.Clusters.Count);
    }
}
