using Edgeplane.Cli.Commands;
using Edgeplane.Cli.HubClient;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Kubernetes;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Health;
using Edgeplane.Rendering.Generators;
using k8s;

namespace Edgeplane.Cli.Join;

/// <summary>
/// <c>edgeplane clusters join</c> as named steps: reach the cluster, check it is declared in the fleet, mint a bootstrap
/// token, apply the agent install manifests with the apply engine (the agent's own), wait for the Deployment to be
/// available and for the hub to hear the agent. Each step says what it does on <paramref name="progress"/>; a failing
/// step throws <see cref="JoinException"/> saying what is wrong and where.
/// </summary>
internal sealed class ClusterJoiner(TextWriter progress, TimeProvider time)
{
    /// <summary>The bundle name the join's objects are applied (and inventoried) under.</summary>
    public const string Bundle = "edgeplane-agent";

    /// <summary>How often the hub is asked whether the agent connected.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(15);

    public async Task JoinAsync(JoinRequest request, HubApiClient hub, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var (client, server) = Connect(request);
        using (client)
        {
            await ReachAsync(client, server, request, cancellationToken).ConfigureAwait(false);
            var before = await DeclaredAsync(hub, request.Cluster, cancellationToken).ConfigureAwait(false);
            var created = await hub.CreateTokenAsync(request.Cluster, null, cancellationToken).ConfigureAwait(false);
            await progress.WriteLineAsync($"minted bootstrap token {created.TokenId} for {request.Cluster} (single use, expires {created.ExpiresAt:u})")
                .ConfigureAwait(false);
            var gateway = request.Gateway ?? (created.GatewayUrl is { } url ? AgentManifestCommand.GatewayUrl(url, "the hub's gatewayUrl") : null);
            var objects = AgentInstallObjects.Build(AgentManifestCommand.Settings(request.Cluster, gateway, created.Token, request.Image, "--gateway"));
            var connection = new ClusterConnection(client, time: time);
            await ApplyAsync(connection, request, server, objects, created.TokenId, cancellationToken).ConfigureAwait(false);
            if (!request.Wait)
            {
                await progress.WriteLineAsync("applied; not waiting for the agent (--wait=false)").ConfigureAwait(false);
                return;
            }
            var deployment = objects.Single(o => (string?)o["kind"] == "Deployment");
            await WaitForDeploymentAsync(connection, deployment, request.Timeout - time.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
            var link = await WaitForAgentAsync(hub, request.Cluster, before, request.Timeout - time.GetElapsedTime(started), cancellationToken)
                .ConfigureAwait(false);
            await progress.WriteLineAsync($"joined: the agent of {request.Cluster} is connected ({link.State}); the hub now converges it on its profile " +
                $"(edgeplane clusters get {request.Cluster})").ConfigureAwait(false);
        }
    }

    private static (k8s.Kubernetes Client, string Server) Connect(JoinRequest request)
    {
        var where = $"--kubeconfig '{request.Kubeconfig}'{(request.Context is null ? "" : $" --context '{request.Context}'")}";
        try
        {
            var config = Edgeplane.Kubernetes.Kubeconfig.Load(request.Kubeconfig, request.Context);
            return (new k8s.Kubernetes(config), config.Host);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or UnauthorizedAccessException or ArgumentException
            or YamlDotNet.Core.YamlException)
        {
            throw new JoinException($"cannot use {where}: {e.Message}", usage: true);
        }
    }

    private async Task ReachAsync(k8s.Kubernetes client, string server, JoinRequest request, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(VersionTimeout);
        try
        {
            var version = await client.Version.GetCodeAsync(limit.Token).ConfigureAwait(false);
            await progress.WriteLineAsync($"cluster {server} (Kubernetes {version.GitVersion}) reached through {request.Kubeconfig}" +
                $"{(request.Context is null ? "" : $", context {request.Context}")}").ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or OperationCanceledException
            or k8s.Autorest.HttpOperationException)
        {
            var reason = e is OperationCanceledException ? $"no answer within {VersionTimeout.TotalSeconds:0} s" : e.Message;
            throw new JoinException($"cannot reach the cluster at {server} (from --kubeconfig '{request.Kubeconfig}'): {reason}");
        }
    }

    /// <summary>The cluster as the hub lists it; a clear error when the fleet does not declare it.</summary>
    private static async Task<ClusterResponse> DeclaredAsync(HubApiClient hub, string cluster, CancellationToken cancellationToken)
    {
        return (await hub.FindClusterAsync(cluster, cancellationToken).ConfigureAwait(false))?.Cluster
            ?? throw new JoinException($"cluster '{cluster}' is not declared in the fleet the hub follows: add a Cluster named {cluster} to the " +
                "fleet repo, let the hub apply the commit (edgeplane revisions), then join again");
    }

    private async Task ApplyAsync(ClusterConnection connection, JoinRequest request, string server, IReadOnlyList<System.Text.Json.Nodes.JsonObject> objects,
        string tokenId, CancellationToken cancellationToken)
    {
        await progress.WriteLineAsync($"applying {objects.Count} objects to {server} (namespace {AgentInstallObjects.Namespace})…").ConfigureAwait(false);
        var result = await new BundleApplier(connection).ApplyAsync(new ApplyRequest
        {
            Cluster = request.Cluster,
            Bundle = Bundle,
            Objects = objects,
            Revision = $"join/{tokenId}",
        }, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new JoinException($"applying the agent manifests to {server} failed: " +
                string.Join("; ", result.Failures.Take(5).Select(f => f.ToString())) + (result.Failures.Count > 5 ? $" (+{result.Failures.Count - 5} more)" : ""));
        }
        await progress.WriteLineAsync($"applied: {result.ChangeSet}").ConfigureAwait(false);
    }

    private async Task WaitForDeploymentAsync(ClusterConnection connection, System.Text.Json.Nodes.JsonObject deployment, TimeSpan left,
        CancellationToken cancellationToken)
    {
        await progress.WriteLineAsync($"waiting for deployment {AgentInstallObjects.Namespace}/{AgentInstallObjects.AgentName} to be available…")
            .ConfigureAwait(false);
        var waited = await new HealthChecker(connection).WaitAsync([deployment], new HealthWaitOptions { Timeout = Positive(left), PollInterval = PollInterval },
            cancellationToken).ConfigureAwait(false);
        if (waited.Outcome != HealthWaitOutcome.Current)
        {
            throw new JoinException($"the agent Deployment did not become available ({waited.Outcome}): {string.Join("; ", waited.NotCurrent)}; " +
                $"see kubectl -n {AgentInstallObjects.Namespace} describe deployment {AgentInstallObjects.AgentName}");
        }
    }

    /// <summary>Until the hub holds a live link to the cluster's agent that it did not hold before the join.</summary>
    private async Task<AgentConnectionResponse> WaitForAgentAsync(HubApiClient hub, string cluster, ClusterResponse before, TimeSpan left,
        CancellationToken cancellationToken)
    {
        await progress.WriteLineAsync($"waiting for the hub to hear the agent of {cluster}…").ConfigureAwait(false);
        var started = time.GetTimestamp();
        while (true)
        {
            var link = (await hub.GetClusterAsync(cluster, cancellationToken).ConfigureAwait(false)).Cluster.Connection;
            if (Live(link) && (!Live(before.Connection) || link.Since != before.Connection.Since || link.LastSeen > before.Connection.LastSeen))
            {
                return link;
            }
            if (time.GetElapsedTime(started) >= left)
            {
                throw new JoinException($"the hub did not hear the agent of {cluster} within the timeout (link {link.State}" +
                    $"{(link.Reason is { } why ? $": {why}" : "")}); check the agent's logs: kubectl -n {AgentInstallObjects.Namespace} logs deployment/{AgentInstallObjects.AgentName}");
            }
            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool Live(AgentConnectionResponse link) => link.State is "Online" or "Degraded";

    private static TimeSpan Positive(TimeSpan left) => left > TimeSpan.Zero ? left : TimeSpan.Zero;
}
