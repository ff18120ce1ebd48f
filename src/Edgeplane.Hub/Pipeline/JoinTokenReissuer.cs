using System.Text.Json.Nodes;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Store;
using Edgeplane.Protocol.Identity;
using Edgeplane.Rendering.Generators;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// Watches the join tokens in the management clusters' desired bundles: when the token of a provisioned cluster that has
/// not enrolled expired unused, the fleet's head goes back to the processor (<see cref="IRevisionStore.RequeueAppliedHeadAsync"/>),
/// whose compile mints a fresh one (<see cref="JoinSecrets"/>). Checks every <see cref="Interval"/>.
/// </summary>
internal sealed partial class JoinTokenReissuer(
    IClusterStore clusters, IIdentityStore identities, LastGoodObjects lastGood, IRevisionStore revisions, HubSignals signals,
    HubReadiness readiness, TimeProvider time, ILogger<JoinTokenReissuer> logger) : BackgroundService
{
    /// <summary>How often expiry is checked.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitForStoreAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogCheckFailed(logger, error); // the store is away: the next check tries again
            }
        }
    }

    /// <summary>One check; returns the clusters whose join token expired unused (the head was requeued when there were any).</summary>
    internal async Task<IReadOnlyList<string>> CheckAsync(CancellationToken cancellationToken)
    {
        var waiting = await WaitingClustersAsync(cancellationToken).ConfigureAwait(false);
        if (waiting.Count == 0)
        {
            return [];
        }
        var bundles = await lastGood.ReadAsync(waiting.Select(w => w.Provisioning.ManagementCluster).Distinct(StringComparer.Ordinal).ToList(),
            cancellationToken).ConfigureAwait(false);
        var expired = new List<string>();
        foreach (var (cluster, provisioning) in waiting)
        {
            var carrier = bundles.GetValueOrDefault(provisioning.ManagementCluster)?.FirstOrDefault(o => AgentJoinSecret.Is(o, cluster, provisioning.Namespace));
            if (carrier?["metadata"]?["annotations"]?[AgentJoinSecret.TokenIdAnnotation] is JsonValue id && id.TryGetValue<string>(out var tokenId)
                && await identities.FindTokenAsync(tokenId, cancellationToken).ConfigureAwait(false) is { UsedAt: null } token
                && token.ExpiresAt <= time.GetUtcNow())
            {
                expired.Add(cluster);
                LogExpired(logger, tokenId, cluster, token.ExpiresAt);
            }
        }
        if (expired.Count > 0)
        {
            var reason = $"the join token of {string.Join(", ", expired.Take(10))}{(expired.Count > 10 ? $" and {expired.Count - 10} more" : "")} " +
                "expired unused; compiling the head again issues a fresh one";
            if (await revisions.RequeueAppliedHeadAsync(reason, cancellationToken).ConfigureAwait(false) is { } sha)
            {
                LogRequeued(logger, sha, expired.Count);
                signals.RequestProcessing();
            }
        }
        return expired;
    }

    /// <summary>Provisioned clusters whose agent has not enrolled and that were not revoked.</summary>
    private async Task<List<(string Cluster, Api.Contracts.ProvisioningResponse Provisioning)>> WaitingClustersAsync(CancellationToken cancellationToken)
    {
        var waiting = new List<(string, Api.Contracts.ProvisioningResponse)>();
        string? after = null;
        do
        {
            var page = await clusters.ListClustersAsync(new ClusterQuery { Limit = 1000, After = after }, cancellationToken).ConfigureAwait(false);
            foreach (var cluster in page.Items.Where(c => c.Provisioning is not null))
            {
                var identity = await identities.FindClusterAsync(ClusterId.Parse(cluster.Name), cancellationToken).ConfigureAwait(false);
                if (identity is not { EnrolledAt: not null } and not { RevokedAt: not null })
                {
                    waiting.Add((cluster.Name, cluster.Provisioning!));
                }
            }
            after = page.Continue is null ? null : page.Items[^1].Name;
        }
        while (after is not null);
        return waiting;
    }

    [LoggerMessage(EventId = 2803, Level = LogLevel.Information,
        Message = "The join token {TokenId} of provisioned cluster {Cluster} expired unused at {ExpiresAt:u}")]
    private static partial void LogExpired(ILogger logger, string tokenId, string cluster, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2804, Level = LogLevel.Information,
        Message = "Revision {Sha} queued to be compiled again: {Count} join token(s) expired unused")]
    private static partial void LogRequeued(ILogger logger, string sha, int count);

    [LoggerMessage(EventId = 2805, Level = LogLevel.Warning, Message = "Checking join tokens failed; trying again at the next check")]
    private static partial void LogCheckFailed(ILogger logger, Exception error);
}
