using System.Diagnostics;
using Edgeplane.Hub.Plans;
using Edgeplane.Model.Loading;
using Edgeplane.Rendering;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// The hub's compiler: <see cref="FleetLoader"/> loads and validates the checked-out revision (every error with file,
/// line and column), <see cref="FleetRenderer.RenderAll"/> renders every cluster in parallel, stamped with the commit.
/// All bundles, or all errors. Reading is bounded by <see cref="HubLimits.FleetLoad"/>. The result also carries the
/// rendered objects (for their identities) and each workspace's Application count (for the mass-deletion hold).
/// </summary>
internal sealed class FleetRevisionCompiler(HubOptions options) : IRevisionCompiler
{
    public Task<CompileResult> CompileAsync(string checkoutDirectory, string revision, CancellationToken cancellationToken) =>
        Task.Run(() => Compile(checkoutDirectory, revision, cancellationToken), cancellationToken);

    private CompileResult Compile(string directory, string revision, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var loaded = FleetLoader.Load(directory, options.Limits.FleetLoad);
        var loadTime = Stopwatch.GetElapsedTime(started);
        if (loaded.Fleet is not { } fleet || loaded.Diagnostics.Count > 0)
        {
            return CompileResult.Failed(loaded.Diagnostics) with { LoadTime = loadTime };
        }
        started = Stopwatch.GetTimestamp();
        var renderer = new FleetRenderer(fleet);
        var rendered = renderer.RenderAll(new RenderOptions { Revision = revision }, cancellationToken: cancellationToken);
        if (!rendered.Succeeded || rendered.Rejections.Count > 0)
        {
            // A rejected workspace fails the revision here (its objects would otherwise be pruned) until its last good
            // objects are carried over (RenderOptions.CarriedObjects).
            return CompileResult.Failed([.. rendered.Diagnostics, .. rendered.Rejections.Values.SelectMany(d => d)]) with { LoadTime = loadTime, RenderTime = Stopwatch.GetElapsedTime(started) };
        }
        var clusters = rendered.Bundles.Select(b => new CompiledCluster(
            Declare(renderer.Describe(b.ClusterName)),
            new CompiledBundle(b.Digest, b.ContentDigest, b.CanonicalBytes, b.Objects.Count) { Objects = b.Objects })).ToList();
        return new CompileResult(clusters, [])
        {
            LoadTime = loadTime,
            RenderTime = Stopwatch.GetElapsedTime(started),
            WorkspaceApplications = fleet.Applications.GroupBy(a => a.Spec.Workspace, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Rollouts = fleet.Rollouts.Select(r => new RolloutDeclaration(r.Name, r.Spec)).ToList(),
            Workspaces = WorkspaceDeclarations.From(fleet, clusters),
        };
    }

    private static DeclaredCluster Declare(EffectiveCluster cluster)
    {
        var versions = new Dictionary<string, string>(cluster.AddOnVersions, StringComparer.Ordinal);
        if (cluster.KubernetesVersion.Length > 0)
        {
            versions["kubernetes"] = cluster.KubernetesVersion;
        }
        return new(cluster.Name, cluster.Layer, cluster.Region, cluster.Site, cluster.Provider,
            cluster.KubernetesVersion.Length == 0 ? null : cluster.KubernetesVersion, cluster.Labels, cluster.Capabilities)
        {
            Versions = versions,
            AllowKubernetesDowngrade = cluster.AllowKubernetesDowngrade,
            KubernetesVersionOrigin = cluster.KubernetesVersionOrigin,
        };
    }
}
