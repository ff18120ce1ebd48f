using System.Text.Json.Nodes;
using Edgeplane.Model.Specs;

namespace Edgeplane.Rendering.Generators;

/// <summary>
/// A workspace's limits and isolation in each namespace it owns: a ResourceQuota and a LimitRange when declared, and
/// always the NetworkPolicy <see cref="IsolationName"/>. NetworkPolicies only add allowed traffic, and a pod selected by
/// any ingress policy accepts only what some policy allows; so one policy selecting every pod, that allows ingress from
/// the workspace's own namespaces, from namespaces of no workspace (the platform: ingress controllers, monitoring, DNS)
/// and from the <c>network.allowFrom</c> list, denies exactly the other workspaces' namespaces. A plain default-deny
/// would also cut off the platform.
/// </summary>
internal static class WorkspacePolicies
{
    /// <summary>The name of the ResourceQuota, LimitRange (and ServiceAccount) in each owned namespace.</summary>
    public const string Name = "edgeplane-workspace";

    /// <summary>The NetworkPolicy in each owned namespace.</summary>
    public const string IsolationName = "edgeplane-workspace-isolation";

    /// <summary>The label naming a workspace on its namespaces and every object it renders.</summary>
    public const string WorkspaceLabel = "edgeplane.dev/workspace";

    public static IEnumerable<JsonObject> For(string ns, string workspace, WorkspaceSpec spec)
    {
        if (spec.Quota.Count > 0)
        {
            yield return Namespaced("v1", "ResourceQuota", Name, ns, workspace, new JsonObject { ["hard"] = Map(spec.Quota) });
        }
        if (spec.LimitRange is { } limits)
        {
            var container = new JsonObject { ["type"] = "Container" };
            foreach (var (key, map) in new[] { ("default", limits.Default), ("defaultRequest", limits.DefaultRequest), ("max", limits.Max) })
            {
                if (map.Count > 0)
                {
                    container[key] = Map(map);
                }
            }
            yield return Namespaced("v1", "LimitRange", Name, ns, workspace, new JsonObject { ["limits"] = new JsonArray(container) });
        }
        yield return Isolation(ns, workspace, spec.AllowFrom);
    }

    public static JsonObject Isolation(string ns, string workspace, IReadOnlyList<WorkspacePeerSpec> allowFrom)
    {
        var from = new JsonArray(
            Selector(new JsonObject { ["matchLabels"] = new JsonObject { [WorkspaceLabel] = workspace } }),
            Selector(new JsonObject
            {
                ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = WorkspaceLabel, ["operator"] = "DoesNotExist" }),
            }));
        foreach (var peer in allowFrom)
        {
            from.Add(peer switch
            {
                { Workspace: { } w } => Selector(new JsonObject { ["matchLabels"] = new JsonObject { [WorkspaceLabel] = w } }),
                { Namespace: { } n } => Selector(new JsonObject { ["matchLabels"] = new JsonObject { ["kubernetes.io/metadata.name"] = n } }),
                _ => new JsonObject { ["ipBlock"] = new JsonObject { ["cidr"] = peer.Cidr } },
            });
        }
        return Namespaced("networking.k8s.io/v1", "NetworkPolicy", IsolationName, ns, workspace, new JsonObject
        {
            ["podSelector"] = new JsonObject(),
            ["policyTypes"] = new JsonArray("Ingress"),
            ["ingress"] = new JsonArray(new JsonObject { ["from"] = from }),
        });
    }

    public static JsonObject Metadata(string name, string ns, string workspace) => new()
    {
        ["name"] = name,
        ["namespace"] = ns,
        ["labels"] = new JsonObject { [WorkspaceLabel] = workspace },
    };

    private static JsonObject Namespaced(string apiVersion, string kind, string name, string ns, string workspace, JsonObject spec) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["metadata"] = Metadata(name, ns, workspace),
        ["spec"] = spec,
    };

    private static JsonObject Selector(JsonObject namespaceSelector) => new() { ["namespaceSelector"] = namespaceSelector };

    private static JsonObject Map(IReadOnlyDictionary<string, string> map) =>
        new(map.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value))));
}
