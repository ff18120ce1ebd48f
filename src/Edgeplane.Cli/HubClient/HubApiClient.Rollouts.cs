using System.Globalization;
using System.Text.Json;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.HubClient;

internal sealed partial class HubApiClient
{
    /// <summary>The newest <paramref name="limit"/> rollouts (one page, newest first), with the page's JSON as sent.</summary>
    public Task<HubAnswer<PageResponse<RolloutResponse>>> ListRolloutsAsync(int limit, CancellationToken cancellationToken) =>
        SendForAnswerAsync<PageResponse<RolloutResponse>>(HttpMethod.Get,
            $"api/v1/rollouts?limit={limit.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    /// <summary>Rollout <paramref name="id"/>, with its JSON as sent.</summary>
    public Task<HubAnswer<RolloutResponse>> GetRolloutAsync(long id, CancellationToken cancellationToken) =>
        SendForAnswerAsync<RolloutResponse>(HttpMethod.Get, RolloutPath(id), cancellationToken);

    /// <summary>
    /// <c>POST /api/v1/rollouts/{id}/{verb}</c> (<paramref name="verb"/>: pause, resume, abort or promote; fleet-admin):
    /// the rollout as it stands after the action.
    /// </summary>
    public Task<HubAnswer<RolloutResponse>> ControlRolloutAsync(long id, string verb, CancellationToken cancellationToken) =>
        SendForAnswerAsync<RolloutResponse>(HttpMethod.Post, $"{RolloutPath(id)}/{Uri.EscapeDataString(verb)}", cancellationToken);

    private static string RolloutPath(long id) => $"api/v1/rollouts/{id.ToString(CultureInfo.InvariantCulture)}";

    private async Task<HubAnswer<T>> SendForAnswerAsync<T>(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var json = await SendAsync<JsonElement>(method, path, cancellationToken).ConfigureAwait(false);
        try
        {
            return new HubAnswer<T>(json, json.Deserialize<T>(Json)
                ?? throw new HubClientException($"the hub answered {path} with null"));
        }
        catch (JsonException error)
        {
            throw new HubClientException($"the hub's answer to {path} is not what this CLI reads: {error.Message}");
        }
    }
}
