using System.CommandLine;
using Edgeplane.Cli.HubClient;

namespace Edgeplane.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create()
    {
        var connection = new HubConnection();
        var command = new Command("status", """
            Show the fleet summary by layer: clusters, in sync, drifted, unhealthy, offline; the desired revision and the last error.

            Examples:
              edgeplane status
              edgeplane status --hub http://127.0.0.1:8080 --token ep_… -o json
            """);
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            using var client = connection.Connect(parse);
            var fleet = await client.GetFleetAsync(ct).ConfigureAwait(false);
            await CliOutput.WriteAsync(output, connection.Format(parse), fleet, o =>
            {
                var table = new TextTable("LAYER", "CLUSTERS", "IN-SYNC", "DRIFTED", "UNHEALTHY", "OFFLINE");
                foreach (var layer in fleet.Layers.Append(fleet.Total))
                {
                    table.Add(layer.Layer, layer.Clusters, layer.InSync, layer.Drifted, layer.Unhealthy, layer.Offline);
                }
                table.Write(o);
                o.WriteLine();
                o.WriteLine($"revision:   {(fleet.CurrentRevision is { } r ? $"{r.Sha[..12]} {FirstLine(r.Message)}" : "none applied yet")}");
                o.WriteLine($"source:     {fleet.Source.Repo} ({fleet.Source.Branch}) head {fleet.Source.Head?[..12] ?? "-"}");
                if (fleet.Source.LastFetchError is { } fetchError)
                {
                    o.WriteLine($"fetch error: {fetchError}");
                }
                if (fleet.LastError is { } e)
                {
                    o.WriteLine($"last error: {e.Sha[..12]} {e.State}: {e.Reason}");
                    foreach (var error in e.Errors)
                    {
                        o.WriteLine($"  {RevisionsCommand.Where(error)}: {error.Message}");
                    }
                }
            }).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static string FirstLine(string message) => message.Split('\n', 2)[0];
}
