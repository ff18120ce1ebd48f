using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Store;
using Edgeplane.Protocol.Identity;
using Edgeplane.Rendering;
using Edgeplane.Rendering.Generators;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// The Cluster API join Secret (<see cref="AgentJoinSecret"/>) of every provisioned cluster, for its management cluster's
/// bundle, at compile time: the agent install manifests with a single-use bootstrap token bound to exactly that cluster.
/// The token of the management cluster's desired bundle is kept while it is unused and valid (the bundle's digest stays
/// put across commits); a cluster that enrolled (or was revoked) keeps its Secret as it is; otherwise a fresh token is
/// minted (<see cref="HubOptions.JoinTokenTtl"/>) and audited as <c>cluster.join-token.issue</c> (cluster and token id).
/// </summary>
internal sealed partial class JoinSecrets(
    HubOptions options, IIdentityStore identities, BootstrapTokenService tokens, HubCertificateAuthority ca, LastGoodObjects lastGood,
    AgentGatewayAddress gateway, IAuditStore audit, TimeProvider time, ILogger<JoinSecrets> logger)
{
    /// <summary>The action of the audit entry written for each token minted here.</summary>
    public const string IssueAction = "cluster.join-token.issue";

    /// <summary>The agent version the manifests run: this hub's build (the agent and the hub are released together).</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>
    /// By management cluster, the join Secrets its bundle carries for <paramref name="provisioned"/> (cluster → how it is
    /// provisioned). Clusters whose Secret cannot be made (no gateway URL) are left out, keeping a previous Secret.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<JsonObject>>> PrepareAsync(
        IReadOnlyList<(string Cluster, ClusterProvisioning Provisioning)> provisioned, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal);
        if (provisioned.Count == 0)
        {
            return result;
        }
        var managers = provisioned.Select(p => p.Provisioning.ManagementCluster).Distinct(StringComparer.Ordinal).ToList();
        var previous = await lastGood.ReadAsync(managers, cancellationToken).ConfigureAwait(false);
        var secrets = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var (cluster, provisioning) in provisioned.OrderBy(p => p.Cluster, StringComparer.Ordinal))
        {
            var before = previous.GetValueOrDefault(provisioning.ManagementCluster)?
                .FirstOrDefault(o => AgentJoinSecret.Is(o, cluster, provisioning.Namespace));
            if (await SecretForAsync(cluster, provisioning, before, cancellationToken).ConfigureAwait(false) is { } secret)
            {
                ListOf(secrets, provisioning.ManagementCluster).Add(secret);
            }
        }
        foreach (var (manager, list) in secrets)
        {
            result[manager] = list;
        }
        return result;
    }

    private async Task<JsonObject?> SecretForAsync(string cluster, ClusterProvisioning provisioning, JsonObject? before, CancellationToken cancellationToken)
    {
        var identity = await identities.FindClusterAsync(ClusterId.Parse(cluster), cancellationToken).ConfigureAwait(false);
        if (identity is not null && (identity.EnrolledAt is not null || identity.RevokedAt is not null))
        {
            // Its agent enrolled (or an operator revoked it): the Secret stays byte for byte; a new token would only re-apply it.
            return before;
        }
        if (await gateway.WhenKnownAsync(cancellationToken).ConfigureAwait(false) is not { } hub)
        {
            LogNoGateway(logger, cluster);
            return before;
        }
        var (token, expires) = await ReusableAsync(cluster, before, cancellationToken).ConfigureAwait(false)
            ?? await MintAsync(cluster, provisioning, cancellationToken).ConfigureAwait(false);
        var settings = new AgentInstallSettings { Cluster = cluster, Hub = hub, Token = token, Version = Version };
        var secret = AgentJoinSecret.Build(settings, provisioning.Namespace, expires);
        secret["metadata"]!["annotations"]!["edgeplane.dev/source"] = $"Cluster/{cluster}";
        return secret;
    }

    /// <summary>The token of <paramref name="before"/> when the store knows it for this cluster, unused and not expired.</summary>
    private async Task<(string Token, DateTimeOffset Expires)?> ReusableAsync(string cluster, JsonObject? before, CancellationToken cancellationToken)
    {
        if (before is null || AgentJoinSecret.ReadToken(before) is not { } text || !BootstrapToken.TryParse(text, out var token, out _)
            || token.CaPin != ca.Pin)
        {
            return null;
        }
        var record = await identities.FindTokenAsync(token.Id, cancellationToken).ConfigureAwait(false);
        var usable = record is not null && record.Cluster.Value == cluster && record.UsedAt is null && record.ExpiresAt > time.GetUtcNow()
            && CryptographicOperations.FixedTimeEquals(record.SecretHash, BootstrapToken.HashSecret(token.Secret));
        return usable ? (text, record!.ExpiresAt) : null;
    }

    private async Task<(string Token, DateTimeOffset Expires)> MintAsync(string cluster, ClusterProvisioning provisioning, CancellationToken cancellationToken)
    {
        var created = await tokens.CreateAsync(ClusterId.Parse(cluster), options.JoinTokenTtl, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(StoreRows.Audit(AuditActor.Hub, IssueAction, cluster, "Issued",
            $"token {created.Token.Id}, expires {created.ExpiresAt:u}, in Secret {provisioning.Namespace}/{AgentJoinSecret.Name(cluster)} " +
            $"of management cluster {provisioning.ManagementCluster}"), cancellationToken).ConfigureAwait(false);
        LogIssued(logger, created.Token.Id, cluster, provisioning.ManagementCluster, created.ExpiresAt);
        return (created.Text, created.ExpiresAt);
    }

    private static List<JsonObject> ListOf(Dictionary<string, List<JsonObject>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        return list;
    }

    private static string ReadVersion()
    {
        var version = typeof(JoinSecrets).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    [LoggerMessage(EventId = 2801, Level = LogLevel.Information,
        Message = "Join token {TokenId} issued for provisioned cluster {Cluster} (management cluster {ManagementCluster}), expires {ExpiresAt:u}")]
    private static partial void LogIssued(ILogger logger, string tokenId, string cluster, string managementCluster, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2802, Level = LogLevel.Warning,
        Message = "No join Secret for provisioned cluster {Cluster}: the hub does not know the gateway URL agents dial; start it with --gateway-url https://HOST:PORT")]
    private static partial void LogNoGateway(ILogger logger, string cluster);
}
