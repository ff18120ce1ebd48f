using System.Net.Http.Headers;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>API tokens of any role minted straight into a test hub's store, and requests made with them.</summary>
internal static class Callers
{
    /// <summary>A token for <paramref name="role"/> (in <paramref name="workspace"/>), valid for a day of the hub's clock.</summary>
    public static async Task<string> MintAsync(HubHost host, string role, string? workspace = null, string? subject = null)
    {
        var now = host.Time.GetUtcNow().UtcDateTime;
        var (token, record) = ApiTokens.Create("test", role, now);
        record = record with
        {
            Subject = subject ?? $"user:{role}{(workspace is null ? "" : "." + workspace)}@example.com", Workspace = workspace,
            ExpiresAt = now.AddDays(1), CreatedBy = "test",
        };
        await host.Service<ITokenStore>().AddTokenAsync(record, default);
        return token;
    }

    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> with <paramref name="token"/> (none when null) and a JSON body.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HubHost host, string? token, string method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        // Headers only: the event stream (GET /api/v1/events) never ends; disposing the response closes it.
        return await host.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
