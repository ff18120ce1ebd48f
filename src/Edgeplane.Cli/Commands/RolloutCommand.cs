using System.CommandLine;
using Edgeplane.Cli.HubClient;

namespace Edgeplane.Cli.Commands;

/// <summary>
/// <c>edgeplane rollout list|status|pause|resume|abort|promote</c>: the hub's rollout runs (<c>/api/v1/rollouts</c>);
/// <c>rollout demo</c>: a change to watch, committed to the repo of <c>edgeplane up</c>.
/// <c>-o json|yaml</c> prints the API's JSON as the hub sent it; the tables are in <see cref="RolloutText"/>.
/// </summary>
internal static partial class RolloutCommand
{
    private static readonly (string Verb, string Done, string Help)[] Controls =
    [
        ("pause", "paused", "Pause a rollout: nothing more moves until it is resumed; clusters already moved stay where they are."),
        ("resume", "resumed", "Resume a paused rollout where it stopped."),
        ("abort", "aborted", "Abort a rollout where it stands: moved clusters keep the new bundle, the others keep the old one. Final."),
        ("promote", "promoted", "Promote the current wave: skip the rest of its soak or health gate, and go on to the next wave."),
    ];

    public static Command Create(TimeProvider time)
    {
        var listCommand = List(time);
        var command = new Command("rollout", """
            Rollouts: how each revision goes through the waves of its Rollout policy. List them, show one (live with
            --watch), and pause, resume, abort or promote one (fleet-admin; audited). 'rollout demo' commits a patch to
            the repo of 'edgeplane up' to watch one. See docs/rollouts.md.

            Examples:
              edgeplane rollout list
              edgeplane rollout status
              edgeplane rollout status 12 --watch
              edgeplane rollout pause 12
              edgeplane rollout status 12 -o json
            """);
        foreach (var option in listCommand.Options)
        {
            command.Options.Add(option);
        }
        command.Action = listCommand.Action;
        command.Subcommands.Add(listCommand);
        command.Subcommands.Add(Status(time));
        foreach (var control in Controls)
        {
            command.Subcommands.Add(Control(control.Verb, control.Done, control.Help));
        }
        command.Subcommands.Add(Demo());
        return command;
    }

    private static Command List(TimeProvider time)
    {
        var connection = new HubConnection();
        var limit = new Option<int>("--limit") { Description = "How many rollouts, newest first (1-1000)", DefaultValueFactory = _ => 20 };
        var command = new Command("list", """
            List rollouts, newest first: id, revision, policy, state, current wave, age and reason.
            -o json prints the API's page as it is: {"items": [...], "continue": ...}.

            Examples:
              edgeplane rollout list
              edgeplane rollout list --limit 100 -o json
            """);
        command.Options.Add(limit);
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            using var client = connection.Connect(parse);
            var page = await client.ListRolloutsAsync(parse.GetValue(limit), ct).ConfigureAwait(false);
            await CliOutput.WriteAsync(output, connection.Format(parse), page.Json,
                o => RolloutText.WriteList(o, page.Value.Items, time.GetUtcNow())).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Control(string verb, string done, string help)
    {
        var connection = new HubConnection();
        var id = new Argument<long>("id") { Description = "The rollout's id (see 'edgeplane rollout list')" };
        var command = new Command(verb, $"""
            {help}
            Needs a fleet-admin API token; audited. Prints one line, or with -o json the rollout as the hub answered.
            Exit 1 with the hub's reason when there is no such rollout (404) or its state does not allow it (409).

            Examples:
              edgeplane rollout {verb} 12
              edgeplane rollout {verb} 12 -o json
            """);
        command.Arguments.Add(id);
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            using var client = connection.Connect(parse);
            var rollout = await client.ControlRolloutAsync(parse.GetValue(id), verb, ct).ConfigureAwait(false);
            await CliOutput.WriteAsync(output, connection.Format(parse), rollout.Json,
                o => o.WriteLine($"rollout {rollout.Value.Id} {done}")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
