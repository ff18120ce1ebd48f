using System.CommandLine;
using System.Globalization;
using Edgeplane.Cli.HubClient;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Model.Validation;

namespace Edgeplane.Cli.Commands;

/// <summary><c>edgeplane audit</c>: the hub's audit log (<c>GET /api/v1/audit</c>), newest first, filtered.</summary>
internal static class AuditCommand
{
    /// <summary>Most entries one command prints.</summary>
    private const int MaxLimit = 10_000;

    /// <summary>Longest detail text in the table (the full text is in -o json).</summary>
    private const int DetailsWidth = 60;

    public static Command Create(TimeProvider time)
    {
        var connection = new HubConnection();
        var since = new Option<string?>("--since") { Description = "Only entries newer than a duration (1h, 7d) or since an RFC 3339 time" };
        var until = new Option<string?>("--until") { Description = "Only entries before an RFC 3339 time" };
        var subject = new Option<string?>("--subject") { Description = "Only entries of this actor, e.g. user:ana@example.com or token:admin" };
        var workspace = new Option<string?>("--workspace") { Description = "Only entries filed under this workspace" };
        var action = new Option<string?>("--action") { Description = "Only this action or its dotted family, e.g. rollout or token.create" };
        var target = new Option<string?>("--target") { Description = "Only entries about this target (a sha, a cluster, a rollout id)" };
        var limit = new Option<int>("--limit") { Description = $"How many entries at most, newest first (1-{MaxLimit})", DefaultValueFactory = _ => 50 };
        var command = new Command("audit", """
            The hub's audit log, newest first: who (subject and credential), from where, what, on what, the outcome.
            Every API change, rollout decision and policy rejection is there. A workspace-scoped token sees only its
            workspace's entries. See docs/security.md, "Audit".

            Examples:
              edgeplane audit --since 1h
              edgeplane audit --subject user:ana@example.com --action rollout
              edgeplane audit --workspace ran --since 2026-12-01T00:00:00Z -o json
            """);
        foreach (var option in new Option[] { since, until, subject, workspace, action, target, limit })
        {
            command.Options.Add(option);
        }
        connection.AddTo(command);
        command.SetAction((parse, ct) => HubConnection.RunAsync(parse, async output =>
        {
            var count = parse.GetValue(limit);
            if (count is < 1 or > MaxLimit)
            {
                throw new HubClientException($"--limit must be between 1 and {MaxLimit}, got {count}", usage: true);
            }
            var filters = new List<(string, string)>();
            Add(filters, "since", parse.GetValue(since) is { } s ? Since(s, time) : null);
            Add(filters, "until", parse.GetValue(until) is { } u ? Time("--until", u) : null);
            Add(filters, "subject", parse.GetValue(subject));
            Add(filters, "workspace", parse.GetValue(workspace));
            Add(filters, "action", parse.GetValue(action));
            Add(filters, "target", parse.GetValue(target));
            using var client = connection.Connect(parse);
            var entries = await client.ListAuditAsync(filters, count, ct).ConfigureAwait(false);
            await CliOutput.WriteAsync(output, connection.Format(parse), entries, o => Table(o, entries)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Add(List<(string, string)> filters, string name, string? value)
    {
        if (value is not null)
        {
            filters.Add((name, value));
        }
    }

    /// <summary>A duration back from now, or a time as given; sent to the hub as RFC 3339 UTC.</summary>
    private static string Since(string text, TimeProvider time) =>
        Durations.TryParse(text, Durations.Max, zeroAllowed: false, out var back, out _)
            ? Format(time.GetUtcNow() - back)
            : Time("--since", text, $"a duration ({Durations.Hint}) or ");

    private static string Time(string flag, string text, string alternative = "") =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? Format(at)
            : throw new HubClientException($"{flag} must be {alternative}an RFC 3339 time such as 2026-12-07T10:00:00Z, got '{text}'", usage: true);

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Table(TextWriter output, IReadOnlyList<AuditEntryResponse> entries)
    {
        var table = new TextTable("TIME", "ACTOR", "ACTION", "TARGET", "OUTCOME", "WORKSPACE", "FROM", "DETAILS");
        foreach (var e in entries)
        {
            table.Add(Format(e.Time), e.Actor, e.Action, e.Target, e.Outcome, e.Workspace ?? "-", e.Source ?? "-", Cut(e.Details));
        }
        table.Write(output);
    }

    private static string Cut(string? text) =>
        text is null ? "-" : text.Length <= DetailsWidth ? text : text[..(DetailsWidth - 1)] + "…";
}
