using System.CommandLine;
using Edgeplane.Cli.HubClient;

namespace Edgeplane.Cli.Commands;

internal static class ClustersCommand
{
    public static Command Create(TimeProvider? time = null)
    {
        var command = new Command("clusters", """
            List the fleet's clusters or show one, with desired/target/applied digests and status; join an existing cluster.

            Examples:
              edgeplane clusters list --layer edge -l env=prod
              edgeplane clusters get edge-site-1 -o yaml
              edgeplane clusters revoke edge-site-1
              edgeplane clusters join brownfield-01 --kubeconfig bf.kubeconfig --context bf
            """);
        command.Subcommands.Add(List());
        command.Subcommands.Add(Get());
        command.Subcommands.Add(ClustersRevokeCommand.Create());
        command.Subcommands.Add(ClustersJoinCommand.Create(time ?? TimeProvider.System));
        return command;
    }

    private static Command List()
    {
        var connection = new HubConnection();
        var layer = new Option<string?>("--layer") { Description = "Only clusters of this layer (cloud, regional, edge, …)" };
        var region = new Option<string?>("--region") { Description = "Only clusters in this region" };
        var site = new Option<string?>("--site") { Description = "Only clusters at this site" };
        var selector = new Option<string?>("--selector", "-l") { Description = "Label selector, e.g. env=prod,tier!=core" };
        var health = new Option<string?>("--health") { Description = "Only clusters with this reported health (Healthy, Degraded, Unknown, …)" };
        var phase = new Option<string?>("--phase")
        {
            Description = "Only clusters in this lifecycle phase (Declared, Provisioning, Provisioned, Joined, Ready, Failed, Deleting)",
        };
        var command = new Command("list", "List clusters (all pages), filtered.\n\nExamples:\n  edgeplane clusters list --region eu --health Degraded\n  edgeplane clusters list --phase Provisioning");
        foreach (var option in new Option[] { layer, region, site, selector, health, phase })
        {
            command.Options.Add(option);
        }
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            var query = string.Join("&", new (string Name, string? Value)[]
                {
                    ("layer", parse.GetValue(layer)), ("region", parse.GetValue(region)), ("site", parse.GetValue(site)),
                    ("selector", parse.GetValue(selector)), ("health", parse.GetValue(health)), ("phase", parse.GetValue(phase)),
                }
                .Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
            using var client = connection.Connect(parse);
            var clusters = await client.ListClustersAsync(query, ct).ConfigureAwait(false);
            await CliOutput.WriteAsync(output, connection.Format(parse), clusters, o =>
            {
                var table = new TextTable("NAME", "LAYER", "REGION", "SITE", "PHASE", "DESIRED", "APPLIED", "IN-SYNC", "HEALTH", "LINK");
                foreach (var c in clusters)
                {
                    table.Add(c.Name, c.Layer, c.Region, c.Site, c.Lifecycle?.Phase ?? "-", CliOutput.Short(c.Desired.Digest), CliOutput.Short(c.AppliedDigest),
                        c.InSync ? "yes" : "no", c.Offline ? "Offline" : c.Status.Health ?? "Unknown", c.Connection.State);
                }
                table.Write(o);
            }).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Get() => HubGetCommand.Create(
        "Show one cluster and the objects of its desired bundle.\n\nExample:\n  edgeplane clusters get edge-site-1",
        new Argument<string>("name") { Description = "Cluster name" },
        (client, name, ct) => client.GetClusterAsync(name, ct),
        ClusterDetailTable.Write);
}
