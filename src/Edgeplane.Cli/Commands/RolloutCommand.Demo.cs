using System.CommandLine;
using Edgeplane.Cli.Up;

namespace Edgeplane.Cli.Commands;

internal static partial class RolloutCommand
{
    /// <summary><c>rollout demo</c>: commits <see cref="RolloutDemo"/>'s security patch to the fleet repo of <c>edgeplane up</c>.</summary>
    private static Command Demo()
    {
        var data = new Option<string>("--data")
        {
            Description = "The data folder of 'edgeplane up'; its fleet repo is DATA/fleet (default: $EDGEPLANE_UP_DATA, else ./.edgeplane)",
            DefaultValueFactory = _ => UpCommand.DefaultDataDirectory(),
        };
        var command = new Command("demo", """
            Commit a security patch to the fleet repo of 'edgeplane up': the Istio add-on's patch version one up
            (1.23.2 → 1.23.3 the first time), on branch main. The hub of 'up' fetches it within seconds and rolls it
            out through the demo policy's waves (canary → edge → regional → cloud). It only commits (everything in the
            repo's work tree); it asks no hub.

            Examples:
              edgeplane rollout demo
              edgeplane rollout demo --data /tmp/edgeplane   # then run the 'watch it' line it prints
            """);
        command.Options.Add(data);
        command.SetAction(async (parse, ct) =>
        {
            var repo = new UpLayout(parse.GetRequiredValue(data)).Repo;
            var io = parse.InvocationConfiguration;
            try
            {
                var (from, to, sha) = RolloutDemo.Commit(repo);
                await io.Output.WriteLineAsync($"committed istio {from} → {to} to {repo} as {sha[..12]}; the hub of 'up' starts its rollout within seconds")
                    .ConfigureAwait(false);
                await io.Output.WriteLineAsync($"watch it: edgeplane rollout status --revision {sha[..12]} --watch").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or LibGit2Sharp.LibGit2SharpException)
            {
                await io.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Invalid;
            }
        });
        return command;
    }
}
