using System.CommandLine;
using Edgeplane.Cli.HubClient;
using Edgeplane.Cli.Join;
using Edgeplane.Model.Validation;

namespace Edgeplane.Cli.Commands;

/// <summary>
/// <c>edgeplane clusters join NAME --kubeconfig FILE</c>: brings an existing cluster into the fleet in one command (like
/// <c>flux bootstrap</c> or <c>argocd cluster add</c>). Exit codes: 0 joined, 1 a step failed (not declared, unreachable,
/// refused, timed out), 2 bad arguments (including an unusable kubeconfig or context).
/// </summary>
internal static class ClustersJoinCommand
{
    /// <summary>The longest <c>--timeout</c>.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    public static Command Create(TimeProvider time)
    {
        var connection = new HubConnection();
        var name = new Argument<string>("name") { Description = "The cluster, as the fleet declares it" };
        var kubeconfig = new Option<string>("--kubeconfig") { Description = "Kubeconfig that reaches the cluster (cluster-admin: it creates a ClusterRoleBinding)", Required = true };
        var context = new Option<string?>("--context") { Description = "Kubeconfig context (default: its current context)" };
        var gateway = new Option<string?>("--gateway") { Description = "Gateway URL the agent dials, https://host:port (default: what the hub advertises)" };
        var image = new Option<string?>("--image") { Description = "Agent image (default ghcr.io/edgeplane/agent:<this CLI's version>)" };
        var timeout = new Option<string>("--timeout") { Description = "Longest wait for the agent to run and connect: 90s, 5m (default), 1h at most", DefaultValueFactory = _ => "5m" };
        var wait = new Option<bool>("--wait") { Description = "Wait for the agent to run and the hub to hear it (default true)", DefaultValueFactory = _ => true };
        var command = new Command("join", """
            Join an existing cluster (one not made by Cluster API) to the fleet in one step: mint a single-use bootstrap token
            for it through the hub API (fleet-admin), apply the agent install manifests ('edgeplane agent manifest') with the
            apply engine the agent uses, then wait until the agent Deployment is available and the hub hears the agent. The
            cluster must be declared in the fleet repo first. Joining again re-enrols the agent with a new token.

            Examples:
              edgeplane clusters join edge-site-1 --kubeconfig ~/.kube/edge-site-1.yaml
              edgeplane clusters join brownfield-01 --kubeconfig bf.kubeconfig --context bf --timeout 2m
            """);
        command.Arguments.Add(name);
        foreach (var option in new Option[] { kubeconfig, context, gateway, image, timeout, wait, connection.Hub, connection.Token, connection.CaFile })
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            var request = Request(parse, name, kubeconfig, context, gateway, image, timeout, wait);
            try
            {
                using var hub = connection.Connect(parse);
                await new ClusterJoiner(output, time).JoinAsync(request, hub, ct).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (JoinException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return e.Usage ? ExitCodes.Usage : ExitCodes.Invalid;
            }
        }));
        return command;
    }

    private static JoinRequest Request(ParseResult parse, Argument<string> name, Option<string> kubeconfig, Option<string?> context,
        Option<string?> gateway, Option<string?> image, Option<string> timeout, Option<bool> wait)
    {
        var cluster = parse.GetRequiredValue(name);
        if (!Names.IsDns1123Label(cluster))
        {
            throw new HubClientException($"'{cluster}' is not a cluster name (a DNS-1123 label: a-z, 0-9 and '-', at most 63)", usage: true);
        }
        if (!Durations.TryParse(parse.GetRequiredValue(timeout), MaxTimeout, zeroAllowed: false, out var limit, out var error))
        {
            throw new HubClientException($"--timeout: {error}", usage: true);
        }
        var url = parse.GetValue(gateway) is { } text ? AgentManifestCommand.GatewayUrl(text, "--gateway") : null;
        return new JoinRequest(cluster, parse.GetRequiredValue(kubeconfig), parse.GetValue(context), url, parse.GetValue(image), limit, parse.GetValue(wait));
    }
}
