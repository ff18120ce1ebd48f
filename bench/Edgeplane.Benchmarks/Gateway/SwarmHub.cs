using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Edgeplane.Hub;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Store.Entities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Benchmarks.Gateway;

/// <summary>
/// The real hub in this process (HubApplication: default compiler, SQLite in the data folder, the gateway listener with
/// mTLS and the given gateway options), so this process's memory is the hub's. The data folder (CA, database with the
/// enrolled identities) and the admin token are kept between runs, so cached agent certificates stay valid.
/// </summary>
internal sealed class SwarmHub : IAsyncDisposable
{
    private const string Secret = "bench-webhook-secret";
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(15);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly WebApplication _app;

    private SwarmHub(WebApplication app, string token)
    {
        _app = app;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Gateway = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
        Api = new HttpClient { BaseAddress = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal))), Timeout = TimeSpan.FromMinutes(5) };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Uri Gateway { get; }

    public HttpClient Api { get; }

    private HubActivity Activity => _app.Services.GetRequiredService<HubActivity>();

    public static async Task<SwarmHub> StartAsync(string repo, string data, string tokenFile, Edgeplane.Hub.GatewayOptions gateway)
    {
        var options = new HubOptions
        {
            Repo = repo, DataDirectory = data, Listen = "http://127.0.0.1:0", GatewayListen = "https://127.0.0.1:0",
            WebhookSecret = Secret, PollInterval = TimeSpan.FromHours(1), GitTimeout = TimeSpan.FromMinutes(10),
            AdminTokenCreated = t => File.WriteAllText(tokenFile, t), Gateway = gateway,
        };
        var app = HubApplication.Build(options, [], b => b.Logging.ClearProviders());
        var fetched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Services.GetRequiredService<HubActivity>().Fetched += (_, _) => fetched.TrySetResult();
        await app.StartAsync();
        await fetched.Task.WaitAsync(Guard);
        return new SwarmHub(app, File.ReadAllText(tokenFile).Trim());
    }

    /// <summary>Sends the signed webhook for <paramref name="sha"/>; returns when it was sent and when the revision was Applied.</summary>
    public async Task<(long WebhookAt, long AppliedAt)> PushAsync(string sha)
    {
        var done = new TaskCompletionSource<(RevisionState, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnProcessed(string processed, RevisionState state)
        {
            if (processed == sha)
            {
                done.TrySetResult((state, Stopwatch.GetTimestamp()));
            }
        }
        Activity.RevisionProcessed += OnProcessed;
        try
        {
            var webhookAt = Stopwatch.GetTimestamp();
            await SendWebhookAsync(sha);
            var (state, appliedAt) = await done.Task.WaitAsync(Guard);
            return state == RevisionState.Applied ? (webhookAt, appliedAt) : throw new InvalidOperationException($"revision {sha} ended {state}");
        }
        finally
        {
            Activity.RevisionProcessed -= OnProcessed;
        }
    }

    /// <summary>Every cluster through the REST API, pages of 1,000.</summary>
    public async Task<Dictionary<string, ClusterResponse>> ClustersAsync()
    {
        var result = new Dictionary<string, ClusterResponse>(StringComparer.Ordinal);
        string? next = null;
        do
        {
            var url = "/api/v1/clusters?limit=1000" + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next));
            var page = await Api.GetFromJsonAsync<PageResponse<ClusterResponse>>(url, Json) ?? throw new InvalidOperationException("empty page");
            foreach (var cluster in page.Items)
            {
                result.Add(cluster.Name, cluster);
            }
            next = page.Continue;
        }
        while (next is not null);
        return result;
    }

    /// <summary>The sequence of the last status report the API shows for <paramref name="cluster"/>.</summary>
    public async Task<long> StatusSequenceAsync(string cluster) =>
        (await Api.GetFromJsonAsync<ClusterDetailResponse>($"/api/v1/clusters/{cluster}", Json))!.Cluster.Connection.LastStatusSequence;

    /// <summary>A bootstrap token for <paramref name="cluster"/> through the REST API (what <c>edgeplane token create</c> calls).</summary>
    public async Task<string> CreateTokenAsync(string cluster)
    {
        using var response = await Api.PostAsJsonAsync($"/api/v1/clusters/{cluster}/tokens", new CreateTokenRequest("2h"), Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<BootstrapTokenResponse>(Json))!.Token;
    }

    private async Task SendWebhookAsync(string sha)
    {
        var body = $$"""{"ref":"refs/heads/main","after":"{{sha}}"}"""; // as a real push: each one a different body
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body))));
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        using var response = await Api.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
