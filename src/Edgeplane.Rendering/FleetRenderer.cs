using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Specs;
using Edgeplane.Model.Validation;
using Edgeplane.Rendering.Bundles;
using Edgeplane.Rendering.Canonical;
using Edgeplane.Rendering.Inheritance;
using Edgeplane.Rendering.Sources;

namespace Edgeplane.Rendering;

/// <summary>
/// Renders the bundles of one validated fleet snapshot. Build one per snapshot and keep it: sources (manifests,
/// kustomizations, generated objects) are read and compiled once and shared by every cluster. Thread-safe: any number
/// of <see cref="Render(string, RenderOptions?)"/> calls may run at once; <see cref="RenderAll"/> uses every core.
/// Rendering is pure: the same snapshot and options give byte-identical bundles.
/// </summary>
public sealed partial class FleetRenderer
{
    private readonly ContextResolver _contexts;
    private readonly SourceCache _sources;

    /// <summary>Prepares to render <paramref name="fleet"/>.</summary>
    public FleetRenderer(FleetSnapshot fleet)
    {
        Fleet = fleet;
        _contexts = new ContextResolver(fleet);
        _sources = new SourceCache(fleet);
        var namespaces = fleet.Workspaces.SelectMany(w => w.Spec.Namespaces).Concat(Units.Tenancy.WellKnownNames).ToList();
        _knownNames = fleet.Workspaces.ToDictionary(w => w.Name,
            w => (IReadOnlySet<string>)namespaces.Concat(w.Spec.AllowedClusterRoles).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        _provisionedBy = fleet.Clusters.Where(c => c.Spec.Provisioning is not null)
            .ToLookup(c => c.Spec.Provisioning!.ManagementCluster ?? fleet.Fleet.Spec.ManagementCluster ?? "", StringComparer.Ordinal);
    }

    private readonly ILookup<string, FleetResource<ClusterSpec>> _provisionedBy;

    /// <summary>By workspace, the names its objects' names are compared with for confusables (see <see cref="Units.NameSafety"/>).</summary>
    private readonly Dictionary<string, IReadOnlySet<string>> _knownNames;

    /// <summary>The snapshot rendered.</summary>
    public FleetSnapshot Fleet { get; }

    /// <summary>Renders one cluster's bundle. Throws <see cref="ArgumentException"/> for a cluster not in the fleet.</summary>
    public RenderResult Render(string clusterName, RenderOptions? options = null)
    {
        var cluster = Fleet.Clusters.Find(clusterName)
            ?? throw new ArgumentException($"cluster \"{clusterName}\" is not in the fleet{Suggestions.DidYouMean(clusterName, Fleet.Clusters.Names)}", nameof(clusterName));
        return Render(cluster, options ?? new RenderOptions());
    }

    /// <summary>What <paramref name="clusterName"/> inherits, without rendering it. Throws for a cluster not in the fleet.</summary>
    public EffectiveCluster Describe(string clusterName)
    {
        var cluster = Fleet.Clusters.Find(clusterName)
            ?? throw new ArgumentException($"cluster \"{clusterName}\" is not in the fleet", nameof(clusterName));
        var context = _contexts.Resolve(cluster);
        var spec = cluster.Spec;
        return new EffectiveCluster(cluster.Name, spec.Layer, spec.Region, spec.Site, spec.Provider.ToString().ToLowerInvariant(),
            context.KubernetesVersion, context.Labels, context.Capabilities.Order(StringComparer.Ordinal).ToList())
        {
            AllowKubernetesDowngrade = context.AllowKubernetesDowngrade,
            KubernetesVersionOrigin = KubernetesVersionOrigin.Find(Fleet, cluster),
            AddOnVersions = context.AddOns.ToDictionary(a => a.AddOn.Name, a => a.Version, StringComparer.Ordinal),
            Provisioning = spec.Provisioning is { } provisioning
                && Fleet.ClusterTemplates.Find(provisioning.Template) is { } template
                && (provisioning.ManagementCluster ?? Fleet.Fleet.Spec.ManagementCluster) is { } management
                ? new ClusterProvisioning(provisioning.Template, management, template.Spec.Namespace) { DeletionPolicy = provisioning.DeletionPolicy }
                : null,
        };
    }

    /// <summary>
    /// Renders every cluster in parallel. Returns all bundles sorted by cluster, or no bundle and every problem of
    /// every cluster. A workspace that breaks render-time policy on any cluster is rejected on every cluster (see
    /// <see cref="RenderAllResult.Rejections"/>) while the rest renders. <paramref name="progress"/> receives the number
    /// of clusters done so far (of the first pass), from worker threads.
    /// </summary>
    public RenderAllResult RenderAll(RenderOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new RenderOptions();
        var results = new RenderResult[Fleet.Clusters.Count];
        var done = 0;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        Parallel.For(0, results.Length, parallel, i =>
        {
            results[i] = Render(Fleet.Clusters[i], options);
            progress?.Report(Interlocked.Increment(ref done));
        });
        var rejections = RejectEverywhere(results, options, parallel);
        if (results.All(r => r.Succeeded))
        {
            return new RenderAllResult(results.Select(r => r.Bundle!).ToList(), []) { Rejections = rejections };
        }
        var bag = new DiagnosticBag();
        bag.AddRange(results.SelectMany(r => r.Diagnostics).Distinct());
        return new RenderAllResult([], bag.Sorted()) { Rejections = rejections };
    }

    private RenderResult Render(FleetResource<ClusterSpec> cluster, RenderOptions options)
    {
        if (!IsValidRevision(options.Revision))
        {
            throw new ArgumentException($"revision \"{options.Revision}\" must be 1 to 256 printable characters", nameof(options));
        }
        Writer.Limits = Fleet.Repo.Limits;
        var context = _contexts.Resolve(cluster);
        var rejected = new SortedSet<string>(options.RejectedWorkspaces, StringComparer.Ordinal);
        var rejections = new Units.WorkspaceRejections();
        while (true)
        {
            var errors = new List<Diagnostic>();
            var found = new Units.WorkspaceRejections();
            var units = Plan(context, options, rejected, found, errors);
            var ordered = Units.UnitOrder.Sort(units, errors, cluster.Name);
            var bundle = errors.Count == 0 ? Emit(context, ordered, options.Revision, found, errors) : null;
            var fresh = found.Workspaces.Where(w => !rejected.Contains(w)).ToList();
            rejections.AddAll(found.ToResult());
            if (fresh.Count > 0)
            {
                rejected.UnionWith(fresh); // render again without them: what they broke (duplicates, order) goes with them
                continue;
            }
            return Result(bundle, errors) with { Rejections = rejections.ToResult() };
        }
    }

    private static RenderResult Result(Bundle? bundle, List<Diagnostic> errors)
    {
        if (errors.Count == 0)
        {
            return new RenderResult(bundle, []);
        }
        var bag = new DiagnosticBag();
        bag.AddRange(errors.Distinct());
        return new RenderResult(null, bag.Sorted());
    }

    private static bool IsValidRevision(string revision) =>
        revision.Length is > 0 and <= 256 && revision.All(c => !char.IsControl(c));

    private static byte[] Json(string text) => CanonicalJson.Serialize(System.Text.Json.Nodes.JsonValue.Create(text));
}
