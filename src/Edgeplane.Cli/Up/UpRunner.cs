using System.Diagnostics;
using Edgeplane.Cli.Shared;
using Spectre.Console;

namespace Edgeplane.Cli.Up;

/// <summary>
/// The <c>edgeplane up</c> session on a terminal: start the stack, print where everything is, show convergence, and
/// either keep running until Ctrl-C or (with <c>--until-converged</c>) exit 0 when converged, 1 with a table otherwise.
/// </summary>
internal sealed class UpRunner(UpSettings settings, TextWriter output, TextWriter error)
{
    public async Task<int> RunAsync(bool untilConverged, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await output.WriteLineAsync($"Starting Edgeplane in {Path.GetFullPath(settings.DataDirectory)} (hub, KubeSim, one agent per cluster)…")
            .ConfigureAwait(false);
        UpStack stack;
        try
        {
            stack = await UpStack.StartAsync(settings, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or TimeoutException
            or LibGit2Sharp.LibGit2SharpException or HubClient.HubClientException)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Invalid;
        }
        await using (stack.ConfigureAwait(false))
        {
            await PrintHeaderAsync(stack).ConfigureAwait(false);
            var progress = new UpProgress(stack, output);
            try
            {
                var last = await progress.RunAsync(untilConverged, untilConverged ? timeout - clock.Elapsed : null, clock, cancellationToken)
                    .ConfigureAwait(false);
                return untilConverged ? await ReportAsync(last, clock.Elapsed, timeout).ConfigureAwait(false) : ExitCodes.Ok;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await output.WriteLineAsync("Stopping (agents, hub, KubeSim)… the data folder keeps everything for the next run.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
        }
    }

    private async Task PrintHeaderAsync(UpStack stack)
    {
        var layout = stack.Layout;
        var token = stack.NewAdminToken is { } t
            ? $"{t}  (shown once; also saved in {layout.AdminToken}, mode 0600)"
            : $"stored in {layout.AdminToken} (created at first start)";
        var lines = new[]
        {
            $"Edgeplane is up: {stack.Agents.Count} clusters, each with its own agent"
                + (stack.ProvisionedClusters > 0 ? $"; {stack.ProvisionedClusters} more made by Cluster API (simulated) join by themselves" : "")
                + (stack.CreatedRepo ? "" : " (reusing the data folder)"),
            $"  dashboard    {Authority(stack.HubUrl)}/   open it in a browser and sign in with the admin token",
            $"  hub API      {Authority(stack.HubUrl)}   edgeplane login --hub {Authority(stack.HubUrl)} --token \"$(cat {layout.AdminToken})\"",
            $"  admin token  {token}",
            $"  gateway      {Authority(stack.GatewayUrl)} (gRPC, mutual TLS; agents enrolled with bootstrap tokens)",
            $"  fleet repo   {layout.Repo}   commit to branch main to roll out (git -C {layout.Repo} commit -am \"…\")",
            $"  rollouts     demo policy {Path.Combine(layout.Repo, "rollouts", "default.yaml")}: canary → edge → regional → cloud, 10 s soak per wave",
            $"               watch one: edgeplane rollout demo --data {layout.Root}   then the 'watch it' line it prints",
            $"  kubeconfig   {layout.Kubeconfig}   kubectl --kubeconfig {layout.Kubeconfig} --context {stack.Agents.Keys.Order(StringComparer.Ordinal).FirstOrDefault()} get pods -A",
            $"  KubeSim      {Authority(stack.KubeSim.BaseUri)} (simulated clusters for the demo; production agents manage real clusters)",
            $"  logs         {layout.Log}",
        };
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }
        await output.FlushAsync().ConfigureAwait(false);
    }

    private async Task<int> ReportAsync(ConvergenceSnapshot last, TimeSpan elapsed, TimeSpan timeout)
    {
        if (last.AllConverged)
        {
            await output.WriteLineAsync($"Converged: all {last.Clusters.Count} clusters applied their desired bundle and are healthy " +
                $"({elapsed.TotalSeconds:0.0} s).").ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("cluster", "desired", "applied", "health", "reason");
        foreach (var row in last.Clusters.Where(c => !c.Converged))
        {
            table.AddRow(Markup.Escape(row.Cluster), Short(row.Desired), Short(row.Applied), Markup.Escape(row.Health), Markup.Escape(row.Reason));
        }
        await error.WriteLineAsync($"error: {last.Clusters.Count - last.ConvergedCount} of {last.Clusters.Count} clusters did not converge " +
            $"within {timeout.TotalSeconds:0} s:").ConfigureAwait(false);
        ConsoleFactory.For(error).Write(table);
        return ExitCodes.Invalid;
    }

    private static string Authority(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    internal static string Short(string? digest) => digest is null ? "-" : digest.Replace("sha256:", "", StringComparison.Ordinal)[..Math.Min(12, digest.Length - 7)];
}
