using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Validation;

internal sealed partial class FleetValidator
{
    private string FleetOwner => $"Fleet \"{_fleet.Fleet.Name}\"";

    private FleetSpec FleetSpec => _fleet.Fleet.Spec;

    private IEnumerable<string> LayerNames => FleetSpec.Layers.Select(l => l.Name);

    private IEnumerable<string> RegionNames => FleetSpec.Regions.Select(r => r.Name);

    private void CheckFleet()
    {
        var origin = _fleet.Fleet.Origin;
        Unique(FleetSpec.Layers.Select(l => l.Name).ToList(), i => origin.Locate("spec", "layers", $"{i}", "name"), "layer");
        Unique(FleetSpec.Regions.Select(r => r.Name).ToList(), i => origin.Locate("spec", "regions", $"{i}", "name"), "region");
        var sites = FleetSpec.Regions.SelectMany((r, ri) => r.Sites.Select((s, si) => (s.Name, ri, si))).ToList();
        Unique(sites.Select(s => s.Name).ToList(), i => origin.Locate("spec", "regions", $"{sites[i].ri}", "sites", $"{sites[i].si}", "name"), "site");
        for (var ri = 0; ri < FleetSpec.Regions.Count; ri++)
        {
            var layers = FleetSpec.Regions[ri].Layers;
            for (var li = 0; li < layers.Count; li++)
            {
                Known(layers[li], LayerNames, origin.Locate("spec", "regions", $"{ri}", "layers", $"{li}"), FleetOwner,
                    "a layer of the Fleet", $"spec.regions[{ri}].layers[{li}]");
            }
        }
        if (FleetSpec.ManagementCluster is { } management)
        {
            Known(management, _fleet.Clusters.Names, origin.Locate("spec", "managementCluster"), FleetOwner, "a cluster", "spec.managementCluster");
        }
        var usesHelm = _fleet.AddOns.Any(a => a.Spec.Source.Type == SourceType.Helm) || _fleet.Applications.Any(a => a.Spec.Source.Type == SourceType.Helm);
        if (usesHelm && _fleet.AddOns.Find(FleetSpec.Flux.AddOn) is not { } flux)
        {
            Error(origin.Locate("spec", "flux"), "UnknownReference",
                $"{FleetOwner}: Helm sources need the Flux add-on \"{FleetSpec.Flux.AddOn}\" (spec.flux.addOn), and there is no such AddOn");
        }
        else if (usesHelm && _fleet.AddOns.Find(FleetSpec.Flux.AddOn)!.Spec.Source.Type == SourceType.Helm)
        {
            var fluxAddOn = _fleet.AddOns.Find(FleetSpec.Flux.AddOn)!;
            Error(fluxAddOn.Origin.Locate("spec", "source"), "InvalidSource", $"AddOn \"{fluxAddOn.Name}\": the Flux add-on cannot itself be a Helm chart");
        }
    }

    private void Unique(IReadOnlyList<string> names, Func<int, SourceLocation> at, string what)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (!first.TryAdd(names[i], i))
            {
                Error(at(i), "DuplicateName", $"{FleetOwner}: {what} \"{names[i]}\" is declared twice; the first is at {at(first[names[i]])}");
            }
        }
    }

    private void CheckScopes()
    {
        var origin = _fleet.Fleet.Origin;
        CheckScope(FleetSpec.Defaults, FleetOwner, p => origin.Locate(["spec", "defaults", .. p]), "spec.defaults");
        for (var i = 0; i < FleetSpec.Layers.Count; i++)
        {
            var index = $"{i}";
            CheckScope(FleetSpec.Layers[i].Settings, FleetOwner, p => origin.Locate(["spec", "layers", index, .. p]), $"spec.layers[{i}]");
        }
        for (var r = 0; r < FleetSpec.Regions.Count; r++)
        {
            var region = $"{r}";
            CheckScope(FleetSpec.Regions[r].Settings, FleetOwner, p => origin.Locate(["spec", "regions", region, .. p]), $"spec.regions[{r}]");
            for (var s = 0; s < FleetSpec.Regions[r].Sites.Count; s++)
            {
                var site = $"{s}";
                CheckScope(FleetSpec.Regions[r].Sites[s].Settings, FleetOwner,
                    p => origin.Locate(["spec", "regions", region, "sites", site, .. p]), $"spec.regions[{r}].sites[{s}]");
            }
        }
    }

    private void CheckScope(ScopeSpec scope, string owner, Func<string[], SourceLocation> locate, string path)
    {
        var profiles = scope.Profiles ?? [];
        for (var i = 0; i < profiles.Count; i++)
        {
            Known(profiles[i], _fleet.Profiles.Names, locate(["profiles", $"{i}"]), owner, "a Profile", $"{path}.profiles[{i}]");
        }
        foreach (var name in scope.AddOns.Keys.Order(StringComparer.Ordinal))
        {
            Known(name, _fleet.AddOns.Names, locate(["addOns"]), owner, "an AddOn", $"{path}.addOns");
        }
    }
}
