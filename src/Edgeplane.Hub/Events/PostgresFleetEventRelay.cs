using System.Globalization;
using System.Text;
using Edgeplane.Hub.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Events;

/// <summary>
/// PostgreSQL, several hub replicas: sends what this hub changed to the others (<c>pg_notify('edgeplane_events', …)</c>)
/// and hands what they changed to this hub's <see cref="FleetEvents"/>, so a dashboard connected to any replica sees a
/// status report that reached another. Payload: a line <c>i TAB instance</c>, then <c>c TAB cluster</c>, <c>r TAB sha</c>,
/// <c>o TAB rollout id</c>, <c>a</c> (audit) or <c>x</c> (reset) lines, at most <see cref="MaxPayloadBytes"/> per
/// notification. A hub ignores its own. After a lost LISTEN connection, live views are told to re-read.
/// </summary>
internal sealed partial class PostgresFleetEventRelay(
    FleetEvents events, IDbContextFactory<HubDbContext> contexts, HubInstance instance, ILogger<PostgresFleetEventRelay> logger)
    : BackgroundService, IPostgresChannel
{
    public const string Channel = "edgeplane_events";

    /// <summary>PostgreSQL's NOTIFY payload limit is 8,000 bytes; stay under it.</summary>
    public const int MaxPayloadBytes = 7_000;

    public string Name => Channel;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = events.Subscribe(localOnly: true)
            ?? throw new InvalidOperationException("no room for the replica relay's event subscription");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await subscription.WaitAsync(stoppingToken).ConfigureAwait(false);
                var payloads = Encode(instance.Id, subscription.Take());
                if (payloads.Count == 0)
                {
                    continue;
                }
                await using var db = contexts.CreateDbContext();
                foreach (var payload in payloads)
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // Live views on other replicas miss these changes until their next re-read; nothing is lost in the store.
                LogSendFailed(logger, error);
            }
        }
    }

    public void OnNotification(string payload)
    {
        var lines = payload.Split('\n');
        if (lines.Length == 0 || lines[0] == "i\t" + instance.Id || !lines[0].StartsWith("i\t", StringComparison.Ordinal))
        {
            return;
        }
        List<string> clusters = [];
        List<string> revisions = [];
        List<long> rollouts = [];
        foreach (var line in lines.Skip(1))
        {
            var value = line.Length > 2 ? line[2..] : "";
            switch (line.Length > 0 ? line[0] : ' ')
            {
                case 'c':
                    clusters.Add(value);
                    break;
                case 'r':
                    revisions.Add(value);
                    break;
                case 'o' when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                    rollouts.Add(id);
                    break;
                case 'a':
                    events.AuditAppended(remote: true);
                    break;
                case 'x':
                    events.Reset(remote: true);
                    break;
            }
        }
        events.ClustersChanged(clusters, remote: true);
        events.RevisionsChanged(revisions, remote: true);
        events.RolloutsChanged(rollouts, remote: true);
    }

    public void OnReconnected() => events.Reset(remote: true);

    /// <summary>The notifications that carry <paramref name="changes"/>, each under <see cref="MaxPayloadBytes"/>.</summary>
    internal static List<string> Encode(string instanceId, FleetChanges changes)
    {
        var header = "i\t" + instanceId;
        var lines = new List<string>();
        if (changes.Reset)
        {
            lines.Add("x");
        }
        lines.AddRange(changes.Clusters.Order(StringComparer.Ordinal).Select(c => "c\t" + c));
        lines.AddRange(changes.Revisions.Order(StringComparer.Ordinal).Select(r => "r\t" + r));
        lines.AddRange(changes.Rollouts.Order().Select(o => "o\t" + o.ToString(CultureInfo.InvariantCulture)));
        if (changes.Audit)
        {
            lines.Add("a");
        }
        var payloads = new List<string>();
        var current = new StringBuilder(header);
        foreach (var line in lines)
        {
            if (Encoding.UTF8.GetByteCount(current.ToString()) + Encoding.UTF8.GetByteCount(line) + 1 > MaxPayloadBytes)
            {
                payloads.Add(current.ToString());
                current = new StringBuilder(header);
            }
            current.Append('\n').Append(line);
        }
        if (current.Length > header.Length)
        {
            payloads.Add(current.ToString());
        }
        return payloads;
    }

    [LoggerMessage(EventId = 2901, Level = LogLevel.Warning, Message = "Could not tell the other hub replicas what changed (their live views re-read later)")]
    private static partial void LogSendFailed(ILogger logger, Exception error);
}
