using System.CommandLine;
using Edgeplane.Cli.HubClient;

namespace Edgeplane.Cli.Commands;

internal static class ClustersRevokeCommand
{
    public static Command Create()
    {
        var connection = new HubConnection();
        var name = new Argument<string>("name") { Description = "The cluster to revoke" };
        var reason = new Option<string?>("--reason") { Description = "Why (kept with the revocation and in the audit log)" };
        var command = new Command("revoke", """
            Revoke a cluster's agent: its live connection is dropped within a second, its certificates and unused tokens
            stop working, and it is refused from then on. Joining again needs a new token ('edgeplane token create').
            Needs a fleet-admin API token; audited.

            Example:
              edgeplane clusters revoke edge-site-1 --reason "device stolen"
            """);
        command.Arguments.Add(name);
        command.Options.Add(reason);
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            using var client = connection.Connect(parse);
            var revoked = await client.RevokeClusterAsync(parse.GetRequiredValue(name), parse.GetValue(reason), ct).ConfigureAwait(false);
            await CliOutput.WriteAsync(output, connection.Format(parse), revoked, o => o.WriteLine(
                $"cluster {revoked.Cluster} revoked at {revoked.RevokedAt:u}: {revoked.CertificatesRevoked} certificate(s) revoked, " +
                $"{revoked.TokensInvalidated} unused token(s) voided, {revoked.ConnectionsDropped} live stream(s) dropped")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
