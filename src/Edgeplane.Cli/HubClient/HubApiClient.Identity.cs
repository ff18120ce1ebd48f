using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.HubClient;

internal sealed partial class HubApiClient
{
    /// <summary>A bootstrap token for <paramref name="cluster"/> (fleet-admin); <paramref name="ttl"/> like <c>1h</c>, null for the hub's default.</summary>
    public Task<BootstrapTokenResponse> CreateTokenAsync(string cluster, string? ttl, CancellationToken cancellationToken) =>
        SendAsync<BootstrapTokenResponse>(HttpMethod.Post, $"api/v1/clusters/{Uri.EscapeDataString(cluster)}/tokens",
            cancellationToken, JsonContent.Create(new CreateTokenRequest(ttl), options: Json));

    /// <summary>Revokes <paramref name="cluster"/> (fleet-admin).</summary>
    public Task<RevocationResponse> RevokeClusterAsync(string cluster, string? reason, CancellationToken cancellationToken) =>
        SendAsync<RevocationResponse>(HttpMethod.Post, $"api/v1/clusters/{Uri.EscapeDataString(cluster)}/revoke",
            cancellationToken, JsonContent.Create(new RevokeClusterRequest(reason), options: Json));
}
