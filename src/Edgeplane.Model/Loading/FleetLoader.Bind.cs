using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Model.Loading;

public static partial class FleetLoader
{
    private static readonly string[] KindNames = Enum.GetNames<ResourceKind>();

    /// <summary>Binds one document if it is a fleet resource; other documents (manifests) are left to the renderer.</summary>
    private static object? Bind(YamlDocument document, DiagnosticBag bag)
    {
        if (document.Root is not JsonObject root)
        {
            return null;
        }
        var apiVersion = StringOf(root, "apiVersion");
        var kindText = StringOf(root, "kind");
        var ours = apiVersion?.StartsWith("edgeplane.dev/", StringComparison.Ordinal) == true;
        if (!ours)
        {
            if (apiVersion is null && kindText is not null && KindNames.Contains(kindText))
            {
                bag.Add(document.Location, "MissingApiVersion", $"{kindText}: apiVersion is required (apiVersion: {ApiVersion})");
            }
            return null;
        }
        if (apiVersion != ApiVersion)
        {
            bag.Add(document.Map.OfValue(root, "apiVersion"), "UnsupportedApiVersion",
                $"unsupported apiVersion \"{apiVersion}\": this Edgeplane reads {ApiVersion}");
            return null;
        }
        if (kindText is null || !Enum.TryParse<ResourceKind>(kindText, out var kind) || !KindNames.Contains(kindText))
        {
            var at = kindText is null ? document.Location : document.Map.OfValue(root, "kind");
            var message = kindText is null ? "kind is required" : $"unknown kind \"{kindText}\"{Suggestions.DidYouMean(kindText, KindNames)}";
            bag.Add(at, kindText is null ? "RequiredField" : "UnknownKind", message + $" (known kinds: {string.Join(", ", KindNames)})");
            return null;
        }
        return BindKind(document, root, kind, bag);
    }

    private static object? BindKind(YamlDocument document, JsonObject root, ResourceKind kind, DiagnosticBag bag)
    {
        var reader = new SpecReader(root, document.Map, bag, kind.ToString(), "");
        reader.Has("apiVersion");
        reader.Has("kind");
        var metadata = reader.Object("metadata", required: true);
        var name = metadata?.Name("name", required: true);
        reader.Owner = name is null ? kind.ToString() : $"{kind} \"{name}\"";
        if (metadata is not null)
        {
            metadata.Owner = reader.Owner;
        }
        var labels = metadata?.StringMap("labels", labels: true) ?? new Dictionary<string, string>();
        var annotations = metadata?.StringMap("annotations") ?? new Dictionary<string, string>();
        metadata?.Done();
        var spec = reader.Object("spec", required: true);
        object? typed = spec is null ? null : BindSpec(kind, spec, labels);
        spec?.Done();
        reader.Done();
        if (name is null || typed is null)
        {
            return null;
        }
        return Wrap(kind, name, labels, annotations, typed, new ResourceOrigin(document));
    }

    private static object? BindSpec(ResourceKind kind, SpecReader spec, IReadOnlyDictionary<string, string> labels) => kind switch
    {
        ResourceKind.Fleet => SpecBinder.Fleet(spec),
        ResourceKind.Cluster => SpecBinder.Cluster(spec, labels),
        ResourceKind.AddOn => SpecBinder.AddOn(spec),
        ResourceKind.Profile => SpecBinder.Profile(spec),
        ResourceKind.Workspace => SpecBinder.Workspace(spec),
        ResourceKind.Application => SpecBinder.Application(spec),
        ResourceKind.NetworkFunction => SpecBinder.NetworkFunction(spec),
        ResourceKind.Rollout => SpecBinder.Rollout(spec),
        _ => SpecBinder.ClusterTemplate(spec),
    };

    private static object Wrap(ResourceKind kind, string name, IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> annotations, object spec, ResourceOrigin origin)
    {
        var id = new ResourceRef(kind, name);
        return spec switch
        {
            FleetSpec s => new FleetResource<FleetSpec>(id, labels, annotations, s, origin),
            ClusterSpec s => new FleetResource<ClusterSpec>(id, labels, annotations, s, origin),
            AddOnSpec s => new FleetResource<AddOnSpec>(id, labels, annotations, s, origin),
            ProfileSpec s => new FleetResource<ProfileSpec>(id, labels, annotations, s, origin),
            WorkspaceSpec s => new FleetResource<WorkspaceSpec>(id, labels, annotations, s, origin),
            ApplicationSpec s => new FleetResource<ApplicationSpec>(id, labels, annotations, s, origin),
            NetworkFunctionSpec s => new FleetResource<NetworkFunctionSpec>(id, labels, annotations, s, origin),
            RolloutSpec s => new FleetResource<RolloutSpec>(id, labels, annotations, s, origin),
            ClusterTemplateSpec s => new FleetResource<ClusterTemplateSpec>(id, labels, annotations, s, origin),
            _ => throw new ArgumentException($"unexpected spec {spec.GetType().Name}", nameof(spec)),
        };
    }

    private static string? StringOf(JsonObject root, string key) =>
        root[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
