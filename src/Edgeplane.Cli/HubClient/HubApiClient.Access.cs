using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.HubClient;

internal sealed partial class HubApiClient
{
    /// <summary>A new API token (fleet-admin, or workspace-admin for its workspace's member and viewer tokens); the secret is in the answer only.</summary>
    public Task<CreatedApiTokenResponse> CreateApiTokenAsync(CreateApiTokenRequest request, CancellationToken cancellationToken) =>
        SendAsync<CreatedApiTokenResponse>(HttpMethod.Post, "api/v1/tokens", cancellationToken, JsonContent.Create(request, options: Json));

    /// <summary>Every API token the caller may manage (follows continue tokens); never a secret.</summary>
    public Task<List<ApiTokenResponse>> ListApiTokensAsync(CancellationToken cancellationToken) =>
        ListAllAsync<ApiTokenResponse>("api/v1/tokens", "", cancellationToken);

    /// <summary>Revokes API token <paramref name="id"/>; it is refused from the hub's next request on.</summary>
    public async Task RevokeApiTokenAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendRequestAsync(HttpMethod.Delete, $"api/v1/tokens/{Uri.EscapeDataString(id)}", null, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HubClientException(await ProblemTextAsync(response, cancellationToken).ConfigureAwait(false),
                transient: (int)response.StatusCode >= 500);
        }
    }

    /// <summary>A new admin token; the hub revokes the old admin token(s), listed in the answer.</summary>
    public Task<CreatedApiTokenResponse> RotateAdminTokenAsync(CancellationToken cancellationToken) =>
        SendAsync<CreatedApiTokenResponse>(HttpMethod.Post, "api/v1/tokens/rotate-admin", cancellationToken);
}
