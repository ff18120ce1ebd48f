using k8s.Models;

namespace Edgeplane.Agent.Status;

/// <summary>
/// The cluster's nodes as the <c>NodesReady</c> condition reports them: ready when every node is Ready and its kubelet
/// runs the server's version (an upgrade is done only when the last worker is); unknown when they could not be listed.
/// </summary>
/// <param name="Ready">True, false, or null when unknown.</param>
/// <param name="Reason"><c>NodesReady</c>, <c>NodesNotReady</c>, <c>NodesUnknown</c>.</param>
/// <param name="Message">Counts and up to five nodes that hold it back, with why.</param>
internal sealed record NodeReadiness(bool? Ready, string Reason, string Message)
{
    /// <summary>Most nodes named in the message.</summary>
    public const int MaxNamed = 5;

    public static NodeReadiness Unknown(string why) => new(null, "NodesUnknown", $"the nodes could not be listed: {why}");

    public static NodeReadiness Of(IReadOnlyList<V1Node> nodes, string serverVersion)
    {
        if (nodes.Count == 0)
        {
            return new(false, "NodesNotReady", "the cluster has no nodes");
        }
        var behind = new List<string>();
        foreach (var node in nodes)
        {
            var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True";
            var kubelet = node.Status?.NodeInfo?.KubeletVersion;
            if (!ready || kubelet != serverVersion)
            {
                behind.Add($"{node.Metadata?.Name} ({(ready ? "" : "NotReady, ")}kubelet {kubelet ?? "unknown"})");
            }
        }
        if (behind.Count == 0)
        {
            return new(true, "NodesReady", $"{nodes.Count} of {nodes.Count} node(s) Ready at {serverVersion}");
        }
        var named = string.Join(", ", behind.Take(MaxNamed)) + (behind.Count > MaxNamed ? $" and {behind.Count - MaxNamed} more" : "");
        return new(false, "NodesNotReady", $"{nodes.Count - behind.Count} of {nodes.Count} node(s) Ready at {serverVersion}; not yet: {named}");
    }
}
