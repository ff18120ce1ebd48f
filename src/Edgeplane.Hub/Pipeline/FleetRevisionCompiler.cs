using Edgeplane.Model.Loading;
using Edgeplane.Rendering;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// The hub's compiler: <see cref="FleetLoader"/> loads and validates the checked-out revision (every error with file,
/// line and column), <see cref="FleetRenderer.RenderAll"/> renders every cluster in parallel, stamped with the commit.
/// All bundles, or all errors. Reading is bounded by <see cref="HubLimits.FleetLoad"/>.
/// </summary>
internal sealed class FleetRevisionCompiler(HubOptions options) : IRevisionCompiler
{
    public Task<CompileResult> CompileAsync(string checkoutDirectory, string revision, CancellationToken cancellationToken) =>
        Task.Run(() => Compile(checkoutDirectory, revision, cancellationToken), cancellationToken);

    private CompileResult Compile(string directory, string revision, CancellationToken cancellationToken)
    {
        var loaded = FleetLoader.Load(directory, options.Limits.FleetLoad);
        if (loaded.Fleet is not { } fleet || loaded.Diagnostics.Count > 0)
        {
            return CompileResult.Failed(loaded.Diagnostics);
        }
        var renderer = new FleetRenderer(fleet);
        var rendered = renderer.RenderAll(new RenderOptions { Revision = revision }, cancellationToken: cancellationToken);
        if (!rendered.Succeeded)
        {
            return CompileResult.Failed(rendered.Diagnostics);
        }
        return new CompileResult(rendered.Bundles.Select(b => new CompiledCluster(
            Declare(renderer.Describe(b.ClusterName)),
            new CompiledBundle(b.Digest, b.ContentDigest, b.CanonicalBytes, b.Objects.Count))).ToList(), []);
    }

    private static DeclaredCluster Declare(EffectiveCluster cluster) =>
        new(cluster.Name, cluster.Layer, cluster.Region, cluster.Site, cluster.Provider,
            cluster.KubernetesVersion.Length == 0 ? null : cluster.KubernetesVersion, cluster.Labels, cluster.Capabilities);
}
