using System.CommandLine;
using Edgeplane.Cli.Commands;

namespace Edgeplane.Cli;

/// <summary>Builds the <c>edgeplane</c> command tree and maps parse failures to exit code 2.</summary>
public static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("""
            Edgeplane: one GitOps management plane for Kubernetes fleets across cloud, regional and edge layers.

            Examples:
              edgeplane validate examples/fleet
              edgeplane render examples/fleet --all --out out/
              edgeplane diff examples/fleet --against HEAD~1
            """);
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(SimCommand.Create());
        root.Subcommands.Add(KustomizeCommand.Create());
        root.Subcommands.Add(HubCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(ClustersCommand.Create());
        root.Subcommands.Add(RevisionsCommand.Create());
        root.Subcommands.Add(LoginCommand.Create());
        root.Subcommands.Add(TokenCommand.Create());
        root.Subcommands.Add(AgentCommand.Create());
        root.Subcommands.Add(RolloutCommand.Create(TimeProvider.System));
        root.Subcommands.Add(AuditCommand.Create(TimeProvider.System));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var root = Build();
        var config = new InvocationConfiguration
        {
            Output = stdout ?? Console.Out,
            Error = stderr ?? Console.Error,
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !IsHelpRequest(parse))
        {
            foreach (var error in parse.Errors)
            {
                await config.Error.WriteLineAsync($"error: {error.Message}");
            }
            await config.Error.WriteLineAsync("Run 'edgeplane --help' for usage.");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(config);
    }

    private static bool IsHelpRequest(ParseResult parse) =>
        parse.Tokens.Any(t => t.Value is "--help" or "-h" or "-?");
}
