using Edgeplane.ApiMachinery.Labels;
using Edgeplane.Model.Specs;
using Edgeplane.Model.Validation;

namespace Edgeplane.Model.Loading;

/// <summary>Turns the mappings of fleet documents into typed specs; shared pieces here, one partial per kind.</summary>
internal static partial class SpecBinder
{
    public static ScopeSpec Scope(SpecReader r, bool withLabels = true)
    {
        var profiles = r.Has("profiles") ? r.Strings("profiles", names: true) : null;
        var addOns = new Dictionary<string, AddOnOverrideSpec>(StringComparer.Ordinal);
        if (r.Object("addOns") is { } map)
        {
            foreach (var (name, _) in map.Node)
            {
                if (map.Object(name) is { } entry)
                {
                    addOns[name] = new AddOnOverrideSpec(entry.Bool("enabled"), entry.String("version"), entry.Values("values"));
                    entry.Done();
                }
            }
        }
        var version = r.String("kubernetesVersion");
        if (version is not null && !KubernetesVersions.IsValid(version))
        {
            r.Error("kubernetesVersion", "InvalidVersion", $"{r.FieldPath("kubernetesVersion")} \"{version}\" is not a Kubernetes version: {KubernetesVersions.Rule}");
            version = null;
        }
        return new ScopeSpec(profiles, addOns, r.Variables("variables"), version, r.Enum<DriftPolicy>("drift"), r.Bool("prune"),
            withLabels ? r.StringMap("labels", labels: true) : new Dictionary<string, string>())
        {
            KubernetesUpgrade = KubernetesUpgrade(r.Object("kubernetesUpgrade")),
        };
    }

    /// <summary>Most worker nodes one agent plan upgrades at once; a bound on a typo, far above any edge site.</summary>
    public const int MaxWorkerConcurrency = 10_000;

    private static KubernetesUpgradeSpec KubernetesUpgrade(SpecReader? r)
    {
        if (r is null)
        {
            return KubernetesUpgradeSpec.None;
        }
        var upgrade = new KubernetesUpgradeSpec(r.Int("workerConcurrency", 1, MaxWorkerConcurrency), r.Bool("allowDowngrade"));
        r.Done();
        return upgrade;
    }

    public static PlacementSpec Placement(SpecReader? r)
    {
        if (r is null)
        {
            return PlacementSpec.None;
        }
        var placement = new PlacementSpec(r.Strings("layers", names: true), r.Strings("regions", names: true),
            r.Strings("sites", names: true), r.Strings("clusters", names: true), Selector(r.Object("selector")));
        r.Done();
        return placement;
    }

    public static LabelSelector? Selector(SpecReader? r)
    {
        if (r is null)
        {
            return null;
        }
        var labels = r.StringMap("matchLabels", labels: true);
        var expressions = r.List("matchExpressions", e =>
        {
            var key = e.String("key", required: true);
            var op = e.String("operator", required: true);
            var values = e.Strings("values");
            if (key is null || op is null)
            {
                return null;
            }
            if (ExpressionOperator(op) is not { } parsed)
            {
                e.Error("operator", "InvalidValue", $"{e.FieldPath("operator")} \"{op}\" must be one of In, NotIn, Exists, DoesNotExist");
                return null;
            }
            return new LabelRequirement(key, parsed, values);
        });
        r.Done();
        // As metav1.LabelSelectorAsSelector: matchLabels are equality requirements, then the expressions.
        return LabelSelector.Of([.. labels.Select(l => new LabelRequirement(l.Key, LabelOperator.Equals, [l.Value])), .. expressions]);
    }

    private static LabelOperator? ExpressionOperator(string op) => op switch
    {
        "In" => LabelOperator.In,
        "NotIn" => LabelOperator.NotIn,
        "Exists" => LabelOperator.Exists,
        "DoesNotExist" => LabelOperator.DoesNotExist,
        _ => null,
    };

    public static SourceSpec? Source(SpecReader? r, bool allowHelm = true)
    {
        if (r is null)
        {
            return null;
        }
        var written = new[] { "manifests", "kustomize", "helm" }.Where(r.Has).ToList();
        SourceSpec? source = null;
        if (written.Count != 1)
        {
            r.Bag.Add(r.Location, "InvalidSource", $"{r.Owner}: {r.Path} must have exactly one of manifests, kustomize or helm"
                + (written.Count > 1 ? $", not {string.Join(" and ", written)}" : ""));
        }
        else if (written[0] == "helm")
        {
            source = allowHelm ? HelmSource(r) : NoHelm(r);
        }
        else if (r.Object(written[0]) is { } inner)
        {
            var path = inner.String("path", required: true);
            inner.Done();
            source = path is null ? null : new SourceSpec(written[0] == "manifests" ? SourceType.Manifests : SourceType.Kustomize, path, null);
        }
        r.Done();
        return source;
    }

    private static SourceSpec? NoHelm(SpecReader r)
    {
        r.Error("helm", "InvalidSource", $"{r.FieldPath("helm")} is not allowed here: use manifests or kustomize");
        return null;
    }

    private static SourceSpec? HelmSource(SpecReader r)
    {
        if (r.Object("helm") is not { } helm)
        {
            return null;
        }
        var repository = helm.String("repository", required: true);
        var chart = helm.String("chart");
        var release = helm.Name("releaseName");
        helm.Done();
        if (repository is null)
        {
            return null;
        }
        var oci = repository.StartsWith("oci://", StringComparison.Ordinal);
        if (!oci && !repository.StartsWith("https://", StringComparison.Ordinal) && !repository.StartsWith("http://", StringComparison.Ordinal))
        {
            helm.Error("repository", "InvalidValue", $"{helm.FieldPath("repository")} \"{repository}\" must be an https:// repository or an oci:// chart");
            return null;
        }
        if (!oci && chart is null)
        {
            helm.Error("chart", "RequiredField", $"{helm.FieldPath("chart")} is required for an https:// repository");
            return null;
        }
        return new SourceSpec(SourceType.Helm, null, new HelmChartSpec(repository, chart, release));
    }

    public static IReadOnlyList<ResourceRef> DependsOn(SpecReader r, ResourceKind self, IReadOnlyList<ResourceKind> allowed)
    {
        var refs = new List<ResourceRef>();
        var entries = r.Strings("dependsOn");
        for (var i = 0; i < entries.Count; i++)
        {
            var text = entries[i];
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            var kindText = slash < 0 ? self.ToString() : text[..slash];
            var name = slash < 0 ? text : text[(slash + 1)..];
            var at = r.Map.Of(r.Node["dependsOn"]![i]);
            if (!Enum.TryParse<ResourceKind>(kindText, out var kind) || !allowed.Contains(kind) || kindText != kind.ToString())
            {
                r.Bag.Add(at, "InvalidReference", $"{r.Owner}: {r.FieldPath("dependsOn")}[{i}] \"{text}\" must be a name or Kind/name with Kind one of {string.Join(", ", allowed)}");
            }
            else if (!Names.IsDns1123Label(name))
            {
                r.Bag.Add(at, "InvalidName", $"{r.Owner}: {r.FieldPath("dependsOn")}[{i}] \"{name}\" is not a valid name: {Names.Dns1123Rule}");
            }
            else
            {
                refs.Add(new ResourceRef(kind, name));
            }
        }
        return refs;
    }

    public static IReadOnlyList<OverrideSpec> Overrides(SpecReader r) => r.List("overrides", o =>
    {
        var target = o.Object("target", required: true);
        var placement = Placement(target);
        if (target is not null && placement.IsEmpty)
        {
            o.Error("target", "InvalidPlacement", $"{o.FieldPath("target")} must name at least one of layers, regions, sites, clusters or selector");
        }
        return new OverrideSpec(placement, o.Values("values"), o.Variables("variables"));
    });
}
