using System.CommandLine;
using Edgeplane.Cli.HubClient;

namespace Edgeplane.Cli.Commands;

internal static class TokenCommand
{
    public static Command Create()
    {
        var command = new Command("token", """
            Bootstrap tokens for agents: single-use, expiring, bound to one cluster, carrying the hub CA's pin.

            Example:
              edgeplane token create --cluster edge-site-1 --ttl 1h
            """);
        command.Subcommands.Add(CreateToken());
        return command;
    }

    private static Command CreateToken()
    {
        var connection = new HubConnection();
        var cluster = new Option<string>("--cluster") { Description = "The cluster the token enrols (declared in the fleet)", Required = true };
        var ttl = new Option<string?>("--ttl") { Description = "How long the token stays usable: 90s, 30m, 1h (default), 7d at most" };
        var command = new Command("create", """
            Create a bootstrap token for one cluster's agent. The token is printed once and never stored in clear;
            it works once, until its TTL ends or the cluster is revoked. Needs a fleet-admin API token; audited.

            Examples:
              edgeplane token create --cluster edge-site-1
              edgeplane token create --cluster edge-site-1 --ttl 30m -o json
            """);
        command.Options.Add(cluster);
        command.Options.Add(ttl);
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            using var client = connection.Connect(parse);
            var token = await client.CreateTokenAsync(parse.GetRequiredValue(cluster), parse.GetValue(ttl), ct).ConfigureAwait(false);
            await CliOutput.WriteAsync(output, connection.Format(parse), token, o =>
            {
                o.WriteLine(token.Token);
                o.WriteLine();
                o.WriteLine($"Bootstrap token {token.TokenId} for cluster {token.Cluster}, single use, expires {token.ExpiresAt:u}.");
                o.WriteLine($"It pins the hub CA {token.CaPin}. Give it to the cluster's agent:");
                o.WriteLine($"  edgeplane agent --hub https://<gateway-host>:7443 --token {token.Token}");
            }).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
