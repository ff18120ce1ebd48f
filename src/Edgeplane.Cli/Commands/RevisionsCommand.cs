using System.CommandLine;
using Edgeplane.Cli.HubClient;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.Commands;

internal static class RevisionsCommand
{
    public static Command Create()
    {
        var listCommand = List();
        var command = new Command("revisions", """
            Revisions of the fleet repo the hub has seen: list them, show one with its errors, approve a held one.

            Examples:
              edgeplane revisions
              edgeplane revisions get 3f2a9c1
              edgeplane revisions approve 3f2a9c1
            """);
        foreach (var option in listCommand.Options)
        {
            command.Options.Add(option);
        }
        command.Action = listCommand.Action;
        command.Subcommands.Add(listCommand);
        command.Subcommands.Add(Get());
        command.Subcommands.Add(Approve());
        return command;
    }

    internal static string Where(RevisionErrorResponse e) =>
        e.Line > 0 ? $"{e.File}:{e.Line}:{e.Column}" : e.File.Length > 0 ? e.File : "(repo)";

    private static Command List()
    {
        var connection = new HubConnection();
        var limit = new Option<int>("--limit") { Description = "How many revisions, newest first (1-1000)", DefaultValueFactory = _ => 20 };
        var command = new Command("list", "List revisions, newest first.\n\nExample:\n  edgeplane revisions list --limit 50");
        command.Options.Add(limit);
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            using var client = connection.Connect(parse);
            var revisions = await client.ListRevisionsAsync(parse.GetValue(limit), ct).ConfigureAwait(false);
            await CliOutput.WriteAsync(output, connection.Format(parse), revisions, o =>
            {
                var table = new TextTable("SHA", "STATE", "CLUSTERS", "CHANGED", "AUTHOR", "MESSAGE");
                foreach (var r in revisions)
                {
                    table.Add(r.Sha[..12], r.State, r.ClusterCount, r.ChangedClusterCount, r.Author, StatusCommand.FirstLine(r.Message));
                }
                table.Write(o);
            }).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Get() => HubGetCommand.Create(
        "Show one revision with every error (file:line:col: message).\n\nExample:\n  edgeplane revisions get 3f2a9c1",
        new Argument<string>("sha") { Description = "Full sha or a unique prefix (7+ characters)" },
        (client, sha, ct) => client.GetRevisionAsync(sha, ct),
        Write);

    private static Command Approve()
    {
        var connection = new HubConnection();
        var sha = new Argument<string>("sha") { Description = "The held revision" };
        var command = new Command("approve", """
            Approve a Held revision: one that removes clusters or leaves a cluster with zero objects.
            The hub then applies it, removals included. Needs a fleet-admin token; audited.

            Example:
              edgeplane revisions approve 3f2a9c1
            """);
        command.Arguments.Add(sha);
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            using var client = connection.Connect(parse);
            var revision = await client.ApproveAsync(parse.GetRequiredValue(sha), ct).ConfigureAwait(false);
            await CliOutput.WriteAsync(output, connection.Format(parse), revision,
                o => o.WriteLine($"revision {revision.Sha} approved by {revision.ApprovedBy}; the hub applies it now")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Write(TextWriter o, RevisionResponse r)
    {
        o.WriteLine($"Revision:   {r.Sha}");
        o.WriteLine($"State:      {r.State}");
        o.WriteLine($"Author:     {r.Author}");
        o.WriteLine($"Committed:  {r.CommittedAt:u}");
        o.WriteLine($"Message:    {StatusCommand.FirstLine(r.Message)}");
        if (r.RewroteFrom is not null)
        {
            o.WriteLine($"Rewrote:    history rewritten; previous head {r.RewroteFrom}");
        }
        if (r.Reason is not null)
        {
            o.WriteLine($"Reason:     {r.Reason}");
        }
        if (r.ClusterCount is not null)
        {
            o.WriteLine($"Clusters:   {r.ClusterCount} ({r.ChangedClusterCount} changed)");
        }
        foreach (var error in r.Errors)
        {
            o.WriteLine($"{Where(error)}: {error.Message} [{error.Code}]");
        }
    }
}
