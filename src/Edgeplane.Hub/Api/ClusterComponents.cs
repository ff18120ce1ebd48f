using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Hub.Api;

/// <summary>
/// Groups a cluster's desired bundle by the fleet resource that produced each object (the renderer's
/// <c>edgeplane.dev/source</c> annotation, <c>Kind/name</c>) into add-ons, applications, network functions and other
/// sources, each with its objects' health (<see cref="ObjectHealthJudge"/>). Every list is cut to
/// <see cref="ClusterComponentResponse.MaxComponents"/> and every component's objects to
/// <see cref="ClusterComponentResponse.MaxObjects"/>.
/// </summary>
internal static class ClusterComponents
{
    public const string SourceAnnotation = "edgeplane.dev/source";
    public const string WorkspaceLabel = "edgeplane.dev/workspace";

    /// <summary>The four lists of a cluster's detail, and how many components they left out.</summary>
    public sealed record Lists(
        IReadOnlyList<ClusterComponentResponse> AddOns,
        IReadOnlyList<ClusterComponentResponse> Applications,
        IReadOnlyList<ClusterComponentResponse> NetworkFunctions,
        IReadOnlyList<ClusterComponentResponse> OtherSources,
        int Truncated);

    /// <param name="objects">The desired bundle's objects, in apply order.</param>
    /// <param name="judge">Judges each object's health.</param>
    /// <param name="versions">The add-on versions the desired revision declares for the cluster (name → version).</param>
    /// <param name="workspaces">For a workspace-scoped caller, its workspaces: other workspaces' components are left out; null: all.</param>
    public static Lists Build(IReadOnlyList<JsonObject> objects, ObjectHealthJudge judge, IReadOnlyDictionary<string, string> versions,
        IReadOnlyList<string>? workspaces)
    {
        var groups = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var obj in objects)
        {
            var source = Text(obj["metadata"]?["annotations"]?[SourceAnnotation]) ?? "";
            if (!groups.TryGetValue(source, out var group))
            {
                groups[source] = group = [];
            }
            group.Add(obj);
        }
        var lists = new Dictionary<string, List<ClusterComponentResponse>>(StringComparer.Ordinal)
        {
            ["AddOn"] = [], ["Application"] = [], ["NetworkFunction"] = [], [""] = [],
        };
        var truncated = 0;
        foreach (var (source, members) in groups)
        {
            var component = Component(source, members, judge, versions);
            if (workspaces is not null && component.Workspace is { } owner && !workspaces.Contains(owner, StringComparer.Ordinal))
            {
                continue;
            }
            var list = lists.GetValueOrDefault(KindOf(source)) ?? lists[""];
            if (list.Count >= ClusterComponentResponse.MaxComponents)
            {
                truncated++;
                continue;
            }
            list.Add(component);
        }
        return new Lists(lists["AddOn"], lists["Application"], lists["NetworkFunction"], lists[""], truncated);
    }

    private static ClusterComponentResponse Component(string source, List<JsonObject> members, ObjectHealthJudge judge,
        IReadOnlyDictionary<string, string> versions)
    {
        var kind = KindOf(source);
        var name = source.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? source[(slash + 1)..] : source;
        var judged = members.Select(o =>
        {
            var (apiVersion, objectKind, ns, objectName) = Identity(o);
            var (health, drifted, message) = judge.Judge(apiVersion, objectKind, ns, objectName);
            return new ComponentObjectResponse(apiVersion, objectKind, ns, objectName, health, drifted, message);
        }).ToList();
        var workload = kind == "NetworkFunction" ? judged.FirstOrDefault(o => WorkloadKind(o) is not null) : null;
        return new ClusterComponentResponse(
            source, name,
            workload is null ? null : WorkloadKind(workload),
            kind == "AddOn" ? versions.GetValueOrDefault(name) : null,
            members.Select(o => Text(o["metadata"]?["labels"]?[WorkspaceLabel])).FirstOrDefault(w => w is not null),
            workload?.Namespace ?? judged.FirstOrDefault(o => o.Namespace is not null)?.Namespace,
            workload is null ? null : new ObjectRef(workload.ApiVersion, workload.Kind, workload.Namespace, workload.Name),
            judged.Count, Health(judged), judged.Take(ClusterComponentResponse.MaxObjects).ToList());
    }

    /// <summary>A network function's workload: a KubeVirt VirtualMachine (VNF), or a Deployment or StatefulSet (CNF).</summary>
    private static string? WorkloadKind(ComponentObjectResponse o) => (ObjectHealthJudge.GroupOf(o.ApiVersion), o.Kind) switch
    {
        ("kubevirt.io", "VirtualMachine") => "VNF",
        ("apps", "Deployment" or "StatefulSet") => "CNF",
        _ => null,
    };

    private static ComponentHealthResponse Health(List<ComponentObjectResponse> objects)
    {
        int Count(string health) => objects.Count(o => o.Health == health);
        var (current, inProgress, failed) = (Count(ObjectHealthJudge.Current), Count("InProgress"), Count("Failed"));
        var unknown = objects.Count - current - inProgress - failed;
        var status = failed > 0 ? "Failed" : inProgress > 0 ? "InProgress" : unknown > 0 ? ObjectHealthJudge.Unknown : ObjectHealthJudge.Current;
        return new ComponentHealthResponse(status, current, inProgress, failed, unknown, objects.Count(o => o.Drifted));
    }

    private static string KindOf(string source) =>
        source.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? source[..slash] : "";

    // BundleDocument.Parse checked that apiVersion, kind and metadata.name are strings.
    private static (string ApiVersion, string Kind, string? Namespace, string Name) Identity(JsonObject o) =>
        (Text(o["apiVersion"])!, Text(o["kind"])!, Text(o["metadata"]?["namespace"]), Text(o["metadata"]?["name"])!);

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
