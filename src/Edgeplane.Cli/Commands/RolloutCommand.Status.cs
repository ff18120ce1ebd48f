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

    /// <summary>How long <c>--revision SHA --watch</c> waits for the hub to start that revision's rollout.</summary>
    internal static readonly TimeSpan RevisionWait = TimeSpan.FromMinutes(2);

    /// <summary>How many of the newest rollouts <c>--revision</c> looks through.</summary>
    internal const int RevisionSearch = 100;

    private static Command Status(TimeProvider time)
    {
        var connection = new HubConnection();
        var id = new Argument<long?>("id") { Description = "The rollout's id (default: the newest rollout)", Arity = ArgumentArity.ZeroOrOne };
        var revision = new Option<string>("--revision")
        {
            Description = "The rollout of this commit (a sha or a prefix of at least 7 characters) instead of an id; with --watch, wait up to 2m for the hub to start it",
        };
        var watch = new Option<bool>("--watch", "-w") { Description = "Redraw until the rollout ends; exit 0 when it ends Succeeded, 1 when it ends otherwise" };
        var interval = IntervalOption();
        var command = new Command("status", """
            Show one rollout: what it changes, its state and why, each wave (healthy members, maxUnavailable, soak,
            start and end), the members that are neither healthy nor waiting (first 20) and the failed clusters.
            Without an id: the newest rollout; --revision SHA: the newest rollout of that commit (what to watch right
            after a push: with --watch it waits up to 2m for the hub to fetch the commit and start the run).
            -o json prints the rollout as the API serves it.
            --watch redraws in place on a terminal and appends each change otherwise, until the rollout is Succeeded
            (exit 0), Failed, RolledBack, Aborted or Superseded (exit 1), or Ctrl-C (exit 130).

            Examples:
              edgeplane rollout status
              edgeplane rollout status 12 -o yaml
              edgeplane rollout status 12 --watch --interval 5s
              edgeplane rollout status --revision 3f2a9c1 --watch
            """);
        command.Arguments.Add(id);
        command.Options.Add(revision);
        command.Options.Add(watch);
        command.Options.Add(interval);
        command.Validators.Add(r =>
        {
            if (r.GetResult(interval) is { Implicit: false } && !r.GetValue(watch))
            {
                r.AddError("--interval is for --watch; add --watch, or drop --interval");
            }
            if (r.GetValue(revision) is { } sha)
            {
                if (r.GetValue(id) is not null)
                {
                    r.AddError("give a rollout id or --revision SHA, not both");
                }
                else if (sha.Length is < 7 or > 40 || !sha.All(char.IsAsciiHexDigit))
                {
                    r.AddError($"--revision: '{sha}' is not a commit sha: 7 to 40 hex digits");
                }
            }
        });
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            using var client = connection.Connect(parse);
            var format = connection.Format(parse);
            TryInterval(parse.GetValue(interval), out var every, out _);
            var rollout = parse.GetValue(revision) is { } sha
                ? await OfRevisionAsync(client, sha.ToLowerInvariant(), parse.GetValue(watch) ? every : null, time, parse.InvocationConfiguration.Error, ct)
                    .ConfigureAwait(false)
                : await FindAsync(client, parse.GetValue(id), ct).ConfigureAwait(false);
            if (!parse.GetValue(watch))
            {
                await CliOutput.WriteAsync(output, format, rollout.Json, o => RolloutText.WriteStatus(o, rollout.Value)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
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

    /// <summary>
    /// The newest rollout of commit <paramref name="sha"/> (a prefix) among the newest <see cref="RevisionSearch"/>.
    /// With <paramref name="poll"/> (a watch), asks again at that interval for up to <see cref="RevisionWait"/> while
    /// there is none: the hub starts it once it has fetched and processed the commit.
    /// </summary>
    private static async Task<HubAnswer<RolloutResponse>> OfRevisionAsync(HubApiClient client, string sha, TimeSpan? poll, TimeProvider time,
        TextWriter error, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + RevisionWait;
        var said = false;
        while (true)
        {
            var page = await client.ListRolloutsAsync(RevisionSearch, cancellationToken).ConfigureAwait(false);
            var items = page.Value.Items;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].Revision.StartsWith(sha, StringComparison.OrdinalIgnoreCase))
                {
                    return new HubAnswer<RolloutResponse>(page.Json.GetProperty("items")[i], items[i]);
                }
            }
            if (poll is not { } every || time.GetUtcNow() + every > deadline)
            {
                throw new HubClientException(poll is null
                    ? $"no rollout for revision {sha} among the hub's newest {RevisionSearch}: the hub has not processed it yet, or it changes no cluster a Rollout governs ('edgeplane revisions' shows what became of it)"
                    : $"the hub started no rollout for revision {sha} within {RolloutText.Duration(RevisionWait)}: it has not fetched it, or the commit changes no cluster a Rollout governs ('edgeplane revisions' shows what became of it)");
            }
            if (!said)
            {
                await error.WriteLineAsync($"waiting for the hub to start the rollout of {sha} (up to {RolloutText.Duration(RevisionWait)}) …").ConfigureAwait(false);
                said = true;
            }
            await Task.Delay(every, time, cancellationToken).ConfigureAwait(false);
        }
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
