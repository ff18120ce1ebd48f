using System.CommandLine;
using Edgeplane.Cli.HubClient;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Model.Validation;

namespace Edgeplane.Cli.Commands;

internal static partial class RolloutCommand
{
    /// <summary>The shortest <c>--interval</c>: a watch must not hammer the hub.</summary>
    internal static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest <c>--interval</c>.</summary>
    internal static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);

    private static Command Status(TimeProvider time)
    {
        var connection = new HubConnection();
        var id = new Argument<long?>("id") { Description = "The rollout's id (default: the newest rollout)", Arity = ArgumentArity.ZeroOrOne };
        var watch = new Option<bool>("--watch", "-w") { Description = "Redraw until the rollout ends; exit 0 when it ends Succeeded, 1 when it ends otherwise" };
        var interval = IntervalOption();
        var command = new Command("status", """
            Show one rollout: what it changes, its state and why, each wave (healthy members, maxUnavailable, soak,
            start and end), the members that are neither healthy nor waiting (first 20) and the failed clusters.
            Without an id: the newest rollout. -o json prints the rollout as the API serves it.
            --watch redraws in place on a terminal and appends each change otherwise, until the rollout is Succeeded
            (exit 0), Failed, RolledBack, Aborted or Superseded (exit 1), or Ctrl-C (exit 130).

            Examples:
              edgeplane rollout status
              edgeplane rollout status 12 -o yaml
              edgeplane rollout status 12 --watch --interval 5s
            """);
        command.Arguments.Add(id);
        command.Options.Add(watch);
        command.Options.Add(interval);
        command.Validators.Add(r =>
        {
            if (r.GetResult(interval) is { Implicit: false } && !r.GetValue(watch))
            {
                r.AddError("--interval is for --watch; add --watch, or drop --interval");
            }
        });
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            using var client = connection.Connect(parse);
            var format = connection.Format(parse);
            var rollout = await FindAsync(client, parse.GetValue(id), ct).ConfigureAwait(false);
            if (!parse.GetValue(watch))
            {
                await CliOutput.WriteAsync(output, format, rollout.Json, o => RolloutText.WriteStatus(o, rollout.Value)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            TryInterval(parse.GetValue(interval), out var every, out _);
            var redraw = format == "table" && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            return await WatchAsync(new RolloutWatch(client, every, time, output, parse.InvocationConfiguration.Error, a => RenderAsync(format, a), format, redraw), rollout, ct)
                .ConfigureAwait(false);
        }));
        return command;
    }

    private static Option<string> IntervalOption()
    {
        var interval = new Option<string>("--interval") { Description = "With --watch: how often to ask the hub, 100ms to 1h", DefaultValueFactory = _ => "2s" };
        interval.Validators.Add(r =>
        {
            if (!TryInterval(r.GetValueOrDefault<string>(), out _, out var error))
            {
                r.AddError($"--interval: {error}");
            }
        });
        return interval;
    }

    /// <summary>Runs a watch; Ctrl-C ends it with 130, as a shell reports an interrupted command.</summary>
    internal static async Task<int> WatchAsync(RolloutWatch watch, HubAnswer<RolloutResponse> first, CancellationToken cancellationToken)
    {
        try
        {
            return await watch.RunAsync(first, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>Rollout <paramref name="id"/>, or the newest one (an error when the hub has none).</summary>
    private static async Task<HubAnswer<RolloutResponse>> FindAsync(HubApiClient client, long? id, CancellationToken cancellationToken)
    {
        if (id is { } known)
        {
            return await client.GetRolloutAsync(known, cancellationToken).ConfigureAwait(false);
        }
        var newest = await client.ListRolloutsAsync(1, cancellationToken).ConfigureAwait(false);
        return newest.Value.Items.Count == 0
            ? throw new HubClientException("the hub has no rollouts yet: a revision starts one when it changes clusters that a Rollout policy governs")
            : new HubAnswer<RolloutResponse>(newest.Json.GetProperty("items")[0], newest.Value.Items[0]);
    }

    internal static async Task<string> RenderAsync(string format, HubAnswer<RolloutResponse> rollout)
    {
        using var text = new StringWriter();
        await CliOutput.WriteAsync(text, format, rollout.Json, o => RolloutText.WriteStatus(o, rollout.Value)).ConfigureAwait(false);
        return text.ToString();
    }

    /// <summary>Reads <c>--interval</c>: a duration (docs/fleet-repo.md) from <see cref="MinInterval"/> to <see cref="MaxInterval"/>.</summary>
    internal static bool TryInterval(string? text, out TimeSpan value, out string error)
    {
        if (!Durations.TryParse(text, MaxInterval, zeroAllowed: false, out value, out error))
        {
            return false;
        }
        if (value < MinInterval)
        {
            error = $"'{text}' is too short; it must be at least 100ms";
            value = TimeSpan.Zero;
            return false;
        }
        return true;
    }
}
