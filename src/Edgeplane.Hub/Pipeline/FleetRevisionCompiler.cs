using System.Diagnostics;
using Edgeplane.Hub.Plans;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Specs;
using Edgeplane.Rendering;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// The hub's compiler: <see cref="FleetLoader"/> loads and validates the checked-out revision (every error with file,
/// line and column), <see cref="FleetRenderer.RenderAll"/> renders every cluster in parallel, stamped with the commit.
/// All bundles, or all errors. Reading is bounded by <see cref="HubLimits.FleetLoad"/>. The result also carries the
/// rendered objects (for their identities) and each workspace's Application count (for the mass-deletion hold). With
/// <see cref="JoinSecrets"/> (the hub's), each management cluster's bundle also carries the join Secret of every cluster
/// it provisions; without it (a compiler on its own) the ClusterResourceSets reference a Secret nobody provides.
/// </summary>
internal sealed class FleetRevisionCompiler(HubOptions options, LastGoodObjects? lastGood = null, JoinSecrets? joins = null) : IRevisionCompiler
{
    public Task<CompileResult> CompileAsync(string checkoutDirectory, string revision, CancellationToken cancellationToken) =>
        Task.Run(() => CompileCoreAsync(checkoutDirectory, revision, cancellationToken), cancellationToken);

    private async Task<CompileResult> CompileCoreAsync(string directory, string revision, CancellationToken cancellationToken)
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
        var render = await OptionsAsync(renderer, revision, cancellationToken).ConfigureAwait(false);
        var rendered = renderer.RenderAll(render, cancellationToken: cancellationToken);
        if (rendered.Succeeded && rendered.Rejections.Count > 0)
        {
            // Without the store (a compiler on its own) there is nothing to carry: then a rejection fails the revision.
            rendered = lastGood is null
                ? rendered with { Diagnostics = [.. rendered.Rejections.Values.SelectMany(d => d)] }
                : await CarryRejectedAsync(renderer, fleet, rendered, render, lastGood, cancellationToken).ConfigureAwait(false);
        }
        if (!rendered.Succeeded)
        {
            return CompileResult.Failed(rendered.Diagnostics) with { LoadTime = loadTime, RenderTime = Stopwatch.GetElapsedTime(started) };
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
            Rejections = rendered.Rejections,
        };
    }

    /// <summary>The render options of this revision: with the join Secrets of provisioned clusters when the hub makes them.</summary>
    private async Task<RenderOptions> OptionsAsync(FleetRenderer renderer, string revision, CancellationToken cancellationToken)
    {
        var render = new RenderOptions { Revision = revision };
        if (joins is null)
        {
            return render;
        }
        var provisioned = renderer.Fleet.Clusters.Where(c => c.Spec.Provisioning is not null)
            .Select(c => (c.Name, Provisioning: renderer.Describe(c.Name).Provisioning)).Where(c => c.Provisioning is not null)
            .Select(c => (c.Name, c.Provisioning!)).ToList();
        var secrets = await joins.PrepareAsync(provisioned, cancellationToken).ConfigureAwait(false);
        return secrets.Count == 0 ? render : render with { HubObjects = cluster => secrets.GetValueOrDefault(cluster) ?? [] };
    }

    /// <summary>
    /// Renders again with each rejected workspace's Applications and NetworkFunctions replaced, on every cluster where
    /// the workspace has its namespaces, by the objects of that workspace the cluster runs now: the rest of the revision
    /// goes on, the rejected workspace stays exactly as its last good revision left it (nothing of it is pruned).
    /// </summary>
    private static async Task<RenderAllResult> CarryRejectedAsync(FleetRenderer renderer, FleetSnapshot fleet, RenderAllResult rendered,
        RenderOptions render, LastGoodObjects lastGood, CancellationToken cancellationToken)
    {
        var namespaces = rendered.Rejections.Keys.Select(w => fleet.Workspaces.Find(w)).OfType<FleetResource<WorkspaceSpec>>()
            .SelectMany(w => w.Spec.Namespaces).ToHashSet(StringComparer.Ordinal);
        var clusters = rendered.Bundles.Where(b => b.Objects.Any(o => o.Kind == "Namespace" && o.Namespace is null && namespaces.Contains(o.Name)))
            .Select(b => b.ClusterName).ToList();
        var previous = await lastGood.ReadAsync(clusters, cancellationToken).ConfigureAwait(false);
        var carried = renderer.RenderAll(render with
        {
            RejectedWorkspaces = rendered.Rejections.Keys.ToHashSet(StringComparer.Ordinal),
            CarriedObjects = (cluster, _) => previous.GetValueOrDefault(cluster) ?? [],
        }, cancellationToken: cancellationToken);
        return carried with { Rejections = rendered.Rejections };
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
            Provisioning = cluster.Provisioning,
        };
    }
}
