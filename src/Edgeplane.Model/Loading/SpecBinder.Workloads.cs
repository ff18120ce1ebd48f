using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Loading;

internal static partial class SpecBinder
{
    private static readonly ResourceKind[] AddOnDeps = [ResourceKind.AddOn];
    private static readonly ResourceKind[] WorkloadDeps = [ResourceKind.AddOn, ResourceKind.Application, ResourceKind.NetworkFunction];

    public static AddOnSpec? AddOn(SpecReader r)
    {
        var version = r.String("version", required: true);
        var source = Source(r.Object("source", required: true));
        var checks = r.List("healthChecks", h =>
        {
            var api = h.String("apiVersion", required: true);
            var kind = h.String("kind", required: true);
            var name = h.String("name", required: true);
            var ns = h.String("namespace");
            return api is null || kind is null || name is null ? null : new HealthCheckSpec(api, kind, name, ns);
        });
        var spec = new AddOnSpec(version ?? "", r.String("description"), source!, r.Name("namespace"),
            DependsOn(r, ResourceKind.AddOn, AddOnDeps).Select(d => d.Name).ToList(),
            r.Strings("requires", names: true), r.Strings("provides", names: true), checks, r.Values("values"));
        return version is null || source is null ? null : spec;
    }

    public static ProfileSpec Profile(SpecReader r)
    {
        var addOns = r.List("addOns", a => a.Name("name", required: true) is { } name
            ? new ProfileAddOnSpec(name, a.String("version"), a.Values("values"))
            : null, required: true);
        return new ProfileSpec(r.String("version"), r.String("description"), addOns);
    }

    public static ApplicationSpec? Application(SpecReader r)
    {
        var workspace = r.Name("workspace", required: true);
        var version = r.String("version");
        var source = Source(r.Object("source", required: true));
        var ns = r.Name("namespace", required: true);
        var placement = RequiredPlacement(r);
        var spec = new ApplicationSpec(workspace!, version, source!, ns!, placement,
            DependsOn(r, ResourceKind.Application, WorkloadDeps), r.Values("values"), r.Variables("variables"), Overrides(r));
        if (source is { Type: SourceType.Helm } && version is null)
        {
            r.Error("source", "RequiredField", "spec.version is required for a Helm source (it is the chart version)");
        }
        return workspace is null || source is null || ns is null ? null : spec;
    }

    private static PlacementSpec RequiredPlacement(SpecReader r)
    {
        var reader = r.Object("placement", required: true);
        var placement = Placement(reader);
        if (reader is not null && placement.IsEmpty)
        {
            r.Error("placement", "InvalidPlacement", "spec.placement must name at least one of layers, regions, sites, clusters or selector (selector: {} means every cluster)");
        }
        return placement;
    }
}
