using System.Diagnostics;
using Spectre.Console;

namespace Edgeplane.Cli.Up;

/// <summary>
/// Live convergence: a Spectre.Console progress bar on a terminal, plain time-stamped lines otherwise (one per change).
/// </summary>
internal sealed class UpProgress(UpStack stack, TextWriter output)
{
    /// <summary>Clusters named in a "waiting for" list before it says "+N more".</summary>
    private const int NamesShown = 4;

    private bool Terminal => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>Shows convergence until converged (with a deadline) or until cancelled; returns the last snapshot.</summary>
    public async Task<ConvergenceSnapshot> RunAsync(bool untilConverged, TimeSpan? timeout, Stopwatch clock, CancellationToken cancellationToken)
    {
        var deadline = timeout is { } t ? clock.Elapsed + (t > TimeSpan.Zero ? t : TimeSpan.Zero) : (TimeSpan?)null;
        if (!Terminal)
        {
            return await LoopAsync(untilConverged, deadline, clock, Plain, cancellationToken).ConfigureAwait(false);
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        return await console.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                return await LoopAsync(untilConverged, deadline, clock, s =>
                {
                    task.MaxValue = Math.Max(1, s.Clusters.Count);
                    task.Value = s.ConvergedCount;
                    task.Description = Markup.Escape(Describe(s));
                    context.Refresh();
                }, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private async Task<ConvergenceSnapshot> LoopAsync(bool untilConverged, TimeSpan? deadline, Stopwatch clock,
        Action<ConvergenceSnapshot> show, CancellationToken cancellationToken)
    {
        ConvergenceSnapshot? shown = null;
        while (true)
        {
            var wait = deadline is { } d ? d - clock.Elapsed : TimeSpan.FromMinutes(10);
            var before = shown;
            var snapshot = wait <= TimeSpan.Zero
                ? await stack.ReadConvergenceAsync(cancellationToken).ConfigureAwait(false)
                : await stack.WaitForConvergenceAsync(s => !Same(s, before) || (untilConverged && s.AllConverged), wait, cancellationToken)
                    .ConfigureAwait(false);
            if (!Same(snapshot, shown))
            {
                show(snapshot);
                shown = snapshot;
            }
            if (untilConverged && (snapshot.AllConverged || clock.Elapsed >= deadline))
            {
                return snapshot;
            }
        }
    }

    private void Plain(ConvergenceSnapshot snapshot) =>
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {Describe(snapshot)}");

    private static string Describe(ConvergenceSnapshot snapshot)
    {
        var waiting = snapshot.Clusters.Where(c => !c.Converged).Select(c => c.Cluster).ToList();
        if (waiting.Count == 0)
        {
            return $"converged {snapshot.ConvergedCount}/{snapshot.Clusters.Count}: every cluster runs its desired bundle and is healthy";
        }
        var names = string.Join(", ", waiting.Take(NamesShown)) + (waiting.Count > NamesShown ? $" +{waiting.Count - NamesShown} more" : "");
        return $"converged {snapshot.ConvergedCount}/{snapshot.Clusters.Count}; waiting for {names}";
    }

    private static bool Same(ConvergenceSnapshot? a, ConvergenceSnapshot? b) =>
        a is not null && b is not null && a.Clusters.Count == b.Clusters.Count
        && a.Clusters.Zip(b.Clusters).All(p => p.First.Converged == p.Second.Converged && p.First.Cluster == p.Second.Cluster);
}
