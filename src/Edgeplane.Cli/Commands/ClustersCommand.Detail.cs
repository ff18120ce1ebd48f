using Edgeplane.Cli.HubClient;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.Commands;

/// <summary>The human form of <c>edgeplane clusters get</c>.</summary>
internal static class ClusterDetailTable
{
    public static void Write(TextWriter o, ClusterDetailResponse detail)
    {
        var c = detail.Cluster;
        o.WriteLine($"Name:               {c.Name}");
        o.WriteLine($"Layer:              {c.Layer}");
        o.WriteLine($"Region / site:      {c.Region ?? "-"} / {c.Site ?? "-"}");
        o.WriteLine($"Provider:           {c.Provider ?? "-"}   Kubernetes {c.KubernetesVersion ?? "-"}");
        if (c.Provisioning is { } provisioning)
        {
            o.WriteLine($"Provisioned by:     {provisioning.ManagementCluster} (template {provisioning.Template}, namespace {provisioning.Namespace})");
        }
        if (c.Lifecycle is { } lifecycle)
        {
            var entered = lifecycle.Since is { } at ? $" since {at.ToString("u", System.Globalization.CultureInfo.InvariantCulture)}" : "";
            o.WriteLine($"Lifecycle:          {lifecycle.Phase}{entered}: {lifecycle.Reason ?? "-"}");
            var reached = string.Join(", ", lifecycle.Transitions.OrderBy(t => t.Value)
                .Select(t => $"{t.Key} {t.Value.ToString("u", System.Globalization.CultureInfo.InvariantCulture)}"));
            o.WriteLine($"  Reached:          {(reached.Length == 0 ? "-" : reached)}");
        }
        o.WriteLine($"Labels:             {string.Join(",", c.Labels.Select(l => $"{l.Key}={l.Value}"))}");
        o.WriteLine($"Capabilities:       {string.Join(",", c.Capabilities)}");
        o.WriteLine($"Desired:            {c.Desired.Digest ?? "-"} (revision {c.Desired.Revision ?? "-"})");
        o.WriteLine($"Target:             {c.Target.Digest ?? "-"}");
        o.WriteLine($"Applied:            {c.AppliedDigest ?? "-"}");
        o.WriteLine($"Health:             {(c.Offline ? "Offline" : c.Status.Health ?? "Unknown")}{(c.Status.Drifted ? ", drifted" : "")}");
        o.WriteLine($"Last seen:          {c.Status.LastSeen?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "never"}");
        var link = c.Connection;
        o.WriteLine($"Link:               {link.State}{(link.Since is { } since ? $" since {since:u}" : "")}{(link.Reason is { } why ? $" ({why})" : "")}" +
            $"; agent {link.AgentVersion ?? "-"}, last status #{link.LastStatusSequence}");
        o.WriteLine($"Objects:            {c.Objects.Total} reported, {c.Objects.Failed} failed, {c.Objects.InProgress} in progress, {c.Objects.Drifted} drifted");
        foreach (var condition in c.Status.Conditions)
        {
            o.WriteLine($"  {condition.Type}={condition.Status} {condition.Reason}: {condition.Message}");
        }
        if (detail.DesiredBundle is { } bundle)
        {
            o.WriteLine();
            o.WriteLine($"Objects ({bundle.ObjectCount}):");
            var table = new TextTable("KIND", "NAMESPACE", "NAME");
            foreach (var obj in bundle.Objects)
            {
                table.Add(obj.Kind, obj.Namespace, obj.Name);
            }
            table.Write(o);
        }
    }
}
