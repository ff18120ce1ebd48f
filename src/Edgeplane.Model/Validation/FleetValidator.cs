using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Sources;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Validation;

/// <summary>
/// Cross-resource checks of a loaded fleet: one Fleet, unique names, references that resolve, the hierarchy of
/// layers, regions and sites, dependency cycles, source paths inside the repo, rollouts. Each check is a small
/// method adding to one bag, so that every problem is reported at once.
/// </summary>
internal sealed partial class FleetValidator
{
    private readonly RepoFileSystem _repo;
    private readonly DiagnosticBag _bag;
    private readonly FleetSnapshot _fleet;

    private FleetValidator(RepoFileSystem repo, FleetSnapshot fleet, DiagnosticBag bag)
    {
        _repo = repo;
        _fleet = fleet;
        _bag = bag;
        foreach (var region in fleet.Fleet.Spec.Regions)
        {
            foreach (var site in region.Sites)
            {
                _sites.TryAdd(site.Name, (region, site));
            }
        }
    }

    /// <summary>Every site with its region, by name: fleets have thousands of sites, so no linear searches.</summary>
    private readonly Dictionary<string, (RegionSpec Region, SiteSpec Site)> _sites = new(StringComparer.Ordinal);

    /// <summary>Checks everything; returns the snapshot (callers discard it when the bag has errors), or null without a Fleet.</summary>
    public static FleetSnapshot? Validate(RepoFileSystem repo, LoadedResources loaded, int files, DiagnosticBag bag)
    {
        var fleet = OneFleet(loaded.Fleets, bag);
        var unique = new LoadedResources();
        foreach (var list in new IEnumerable<object>[] { loaded.Clusters, loaded.AddOns, loaded.Profiles, loaded.Workspaces,
                     loaded.Applications, loaded.NetworkFunctions, loaded.Rollouts, loaded.ClusterTemplates })
        {
            Deduplicate(list, unique, bag);
        }
        if (fleet is null)
        {
            return null;
        }
        var snapshot = new FleetSnapshot(repo, fleet, unique, files);
        new FleetValidator(repo, snapshot, bag).Run();
        return snapshot;
    }

    private void Run()
    {
        CheckFleet();
        CheckSystemUpgrade();
        CheckScopes();
        foreach (var cluster in _fleet.Clusters)
        {
            CheckCluster(cluster);
        }
        CheckAddOnsAndProfiles();
        CheckWorkspaces();
        CheckWorkloads();
        CheckTemplates();
        CheckRollouts();
        CheckCycles();
    }

    private static FleetResource<FleetSpec>? OneFleet(List<FleetResource<FleetSpec>> fleets, DiagnosticBag bag)
    {
        if (fleets.Count == 0)
        {
            bag.Add(SourceLocation.FileOnly("fleet.yaml"), "MissingFleet",
                "the repo has no Fleet resource: add one (kind: Fleet) in a file at the repo root, e.g. fleet.yaml");
            return null;
        }
        var first = fleets[0];
        foreach (var extra in fleets.Skip(1))
        {
            bag.Add(extra.Origin.Location, "DuplicateFleet",
                $"Fleet \"{extra.Name}\": a repo has exactly one Fleet, and Fleet \"{first.Name}\" is already defined at {first.Origin.Location}");
        }
        if (first.Origin.File.Contains('/', StringComparison.Ordinal))
        {
            bag.Add(first.Origin.Location, "FleetNotAtRoot", $"Fleet \"{first.Name}\" must be in a file at the repo root, not in {first.Origin.Directory}/");
        }
        return first;
    }

    private static void Deduplicate(object list, LoadedResources into, DiagnosticBag bag)
    {
        var seen = new Dictionary<string, ResourceOrigin>(StringComparer.Ordinal);
        foreach (var resource in (System.Collections.IEnumerable)list)
        {
            var (id, origin) = Identity(resource);
            if (seen.TryGetValue(id.Name, out var first))
            {
                bag.Add(origin.Location, "DuplicateName", $"{id.Kind} \"{id.Name}\" is defined twice; the first is at {first.Location}");
                continue;
            }
            seen[id.Name] = origin;
            into.Add(resource);
        }
    }

    private static (ResourceRef Id, ResourceOrigin Origin) Identity(object resource) => resource switch
    {
        FleetResource<ClusterSpec> r => (r.Ref, r.Origin),
        FleetResource<AddOnSpec> r => (r.Ref, r.Origin),
        FleetResource<ProfileSpec> r => (r.Ref, r.Origin),
        FleetResource<WorkspaceSpec> r => (r.Ref, r.Origin),
        FleetResource<ApplicationSpec> r => (r.Ref, r.Origin),
        FleetResource<NetworkFunctionSpec> r => (r.Ref, r.Origin),
        FleetResource<RolloutSpec> r => (r.Ref, r.Origin),
        FleetResource<ClusterTemplateSpec> r => (r.Ref, r.Origin),
        _ => throw new ArgumentException("not a fleet resource", nameof(resource)),
    };

    private void Error(SourceLocation at, string code, string message) => _bag.Add(at, code, message);

    /// <summary>Reports <paramref name="name"/> unless it is among <paramref name="known"/>.</summary>
    private bool Known(string name, IEnumerable<string> known, SourceLocation at, string owner, string what, string field)
    {
        var list = known as IReadOnlyCollection<string> ?? known.ToList();
        if (list.Contains(name))
        {
            return true;
        }
        Error(at, "UnknownReference", $"{owner}: {field} \"{name}\" is not {what}{Suggestions.DidYouMean(name, list)}");
        return false;
    }
}
