using System.CommandLine;
using Edgeplane.Cli.Diff;
using Edgeplane.Cli.HubClient;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Model.Sources;
using Edgeplane.Protocol.Diff;

namespace Edgeplane.Cli.Commands;

/// <summary>
/// <c>edgeplane diff [DIR] [--against REV | --hub URL]</c>: the preview of a commit. Renders the fleet in DIR's working
/// tree, compares every cluster's bundle with a base (a Git revision, HEAD by default, or the hub's desired bundles),
/// and prints the clusters and objects that change and the waves the change would go through.
/// Exit 0: no change; 1: changes (as <c>git diff --exit-code</c>); 2: bad input.
/// </summary>
internal static class DiffCommand
{
    /// <summary>The exit code when something changes.</summary>
    public const int Changes = 1;

    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "The fleet repo directory (default: the current directory).", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var against = new Option<string?>("--against") { Description = "Compare with the fleet at this Git revision of DIR's repo (default: HEAD).", HelpName = "REV" };
        var maxFields = new Option<int>("--max-fields")
        {
            Description = "Most changed fields shown per object, the rest counted (default 20; 0: all).",
            HelpName = "N",
            DefaultValueFactory = _ => 20,
        };
        maxFields.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[^1].Value, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < 0)
            {
                r.AddError("--max-fields must be 0 (all) or a positive number");
            }
        });
        var connection = new HubConnection();
        connection.Hub.Description = "Compare with the desired bundles of this hub instead of a Git revision, e.g. http://127.0.0.1:8080 (token: --token, else from 'edgeplane login')";
        var command = new Command("diff", Help);
        command.Arguments.Add(dir);
        command.Options.Add(against);
        connection.AddTo(command);
        command.Options.Add(maxFields);
        command.SetAction((parse, ct) => RunAsync(parse, new Request(parse.GetValue(dir)!, parse.GetValue(against), parse.GetValue(connection.Hub),
            connection.Format(parse), parse.GetValue(maxFields)), connection, ct));
        return command;
    }

    private const string Help = """
        Preview a commit: render the fleet in DIR (the files on disk, as 'render' reads them, untracked files
        included) and compare every cluster's bundle with a base, like 'git diff': by default the fleet at HEAD, so
        uncommitted changes are shown; --against REV compares with another revision (HEAD~1: the last commit);
        --hub URL compares with what the hub has as each cluster's desired bundle.
        Prints the clusters added, removed and changed, per changed cluster the objects added, removed and changed
        with their fields, and the waves the change would go through under the fleet's Rollout (new clusters and
        clusters no rollout governs move at once). What the renderer stamps per revision is ignored.
        Kubernetes version changes the hub would refuse (a skipped minor version, a downgrade without
        kubernetesUpgrade.allowDowngrade) are listed under 'refused', at the line that sets the version.
        Exit code: 0 no change, 1 changes, 2 bad input (not a fleet, unknown revision, hub unreachable).

        Examples:
          edgeplane diff examples/fleet
          edgeplane diff --against HEAD~1
          edgeplane diff examples/fleet --against main -o json
          edgeplane diff . --hub https://hub.example.com:8443 --token ep_…
        """;

    private sealed record Request(string Dir, string? Against, string? Hub, string Format, int MaxFields);

    private static async Task<int> RunAsync(ParseResult parse, Request request, HubConnection connection, CancellationToken cancellationToken)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        if (request.Against is not null && request.Hub is not null)
        {
            await error.WriteLineAsync("error: give --against REV or --hub URL, not both\nRun 'edgeplane diff --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        try
        {
            var limits = LoadLimits.Default;
            var comparer = new BundleComparer(request.MaxFields);
            if (request.Hub is null && !Directory.Exists(request.Dir))
            {
                throw new DiffInputException($"{request.Dir} is not a directory");
            }
            if (request.Hub is null && request.Against is null && !GitBase.InRepository(request.Dir))
            {
                throw new DiffInputException($"{request.Dir} is not in a Git work tree: give --hub URL to compare with a hub");
            }
            var current = RenderedFleet.Render(request.Dir, request.Dir, limits, error);
            var (based, clusters, versions) = request.Hub is null
                ? GitComparison.Compare(current, request.Dir, request.Against ?? "HEAD", limits, comparer, error)
                : await CompareWithHubAsync(current, parse, connection, comparer, cancellationToken).ConfigureAwait(false);
            var report = new DiffReport(based, clusters, WavePlanner.Plan(current.Renderer, clusters))
            {
                Refused = current.SkewRefusals(versions)
                    .Select(d => new RevisionErrorResponse(d.Location.File, d.Location.Line, d.Location.Column, d.Code, d.Message)).ToList(),
            };
            await CliOutput.WriteAsync(output, request.Format, report, o => DiffText.Write(o, report, request.Dir)).ConfigureAwait(false);
            return report.HasChanges ? Changes : ExitCodes.Ok;
        }
        catch (Exception failure) when (failure is DiffInputException or HubClientException)
        {
            await error.WriteLineAsync($"error: {failure.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }

    private static async Task<(string, List<ClusterDiff>, IReadOnlyDictionary<string, string>)> CompareWithHubAsync(RenderedFleet current, ParseResult parse, HubConnection connection,
        BundleComparer comparer, CancellationToken cancellationToken)
    {
        using var client = connection.Connect(parse);
        var hub = HubConnection.ParseUrl(parse.GetValue(connection.Hub)!);
        return await HubComparison.CompareAsync(current, client, hub, comparer, cancellationToken).ConfigureAwait(false);
    }
}
