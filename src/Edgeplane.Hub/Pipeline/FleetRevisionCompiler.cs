using Edgeplane.Model.Loading;
using Edgeplane.Model.Specs;
using Edgeplane.Rendering;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// The hub's compiler: <see cref="FleetLoader"/> loads and validates the checked-out revision (every error with file,
/// line and column), <see cref="FleetRenderer.RenderAll"/> renders every cluster in parallel, stamped with the commit.
/// All bundles, or all errors.
/// </summary>
internal sealed class FleetRevisionCompiler : IRevisionCompiler
{
    public Task<CompileResult> CompileAsync(string checkoutDirectory, string revision, CancellationToken cancellationToken) =>
        Task.Run(() => Compile(checkoutDirectory, revision, cancellationToken), cancellationToken);

    private static CompileResult Compile(string directory, string revision, CancellationToken cancellationToken)
    {
        var loaded = FleetLoader.Load(directory);
        if (loaded.Fleet is not { } fleet || loaded.Diagnostics.Count > 0)
        {
            return CompileResult.Failed(loaded.Diagnostics);
        }
        var rendered = new FleetRenderer(fleet).RenderAll(new RenderOptions { Revision = revision }, cancellationToken: cancellationToken);
        if (!rendered.Succeeded)
        {
            return CompileResult.Failed(rendered.Diagnostics);
        }
        return new CompileResult(rendered.Bundles.Select(b => new CompiledCluster(
            Declare(fleet, fleet.Clusters.Find(b.ClusterName)!),
            new CompiledBundle(b.Digest, b.ContentDigest, b.CanonicalBytes, b.Objects.Count))).ToList(), []);
    }

    /// <summary>The cluster as the registry shows it: labels and Kubernetes version inherited fleet → layer → region → site → cluster.</summary>
    private static DeclaredCluster Declare(FleetSnapshot fleet, FleetResource<ClusterSpec> cluster)
    {
        var spec = cluster.Spec;
        var scopes = Scopes(fleet.Fleet.Spec, spec).Append(spec.Settings).ToList();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in scopes.SelectMany(s => s.Labels).Concat(cluster.Labels))
        {
            labels[key] = value;
        }
        var version = scopes.Select(s => s.KubernetesVersion).LastOrDefault(v => v is not null);
        return new DeclaredCluster(cluster.Name, spec.Layer, spec.Region, spec.Site, spec.Provider.ToString().ToLowerInvariant(), version,
            labels, spec.Capabilities.Order(StringComparer.Ordinal).ToList());
    }

    private static IEnumerable<ScopeSpec> Scopes(FleetSpec fleet, ClusterSpec cluster)
    {
        yield return fleet.Defaults;
        if (fleet.Layers.FirstOrDefault(l => l.Name == cluster.Layer) is { } layer)
        {
            yield return layer.Settings;
        }
        if (fleet.Regions.FirstOrDefault(r => r.Name == cluster.Region) is { } region)
        {
            yield return region.Settings;
            if (region.Sites.FirstOrDefault(s => s.Name == cluster.Site) is { } site)
            {
                yield return site.Settings;
            }
        }
    }
}
