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
using Edgeplane.Hub.Observability;
using Edgeplane.Hub.Store.Entities;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Benchmarks.Hub;

/// <summary>
/// One real hub (HubApplication with its default compiler, Kestrel on port 0) over the benchmark repo, with a fresh data
/// folder and store. A push is timed from the signed webhook to the revision's final state, as an operator sees it.
/// </summary>
internal sealed class PipelineHub : IAsyncDisposable
{
    private const string Secret = "bench-webhook-secret";
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(15);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private PipelineHub(WebApplication app, string token)
    {
        _app = app;
        _http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private HubActivity Activity => _app.Services.GetRequiredService<HubActivity>();

    private HubMetrics Metrics => _app.Services.GetRequiredService<HubMetrics>();

    /// <summary>Starts a hub and waits for its first fetch (which finds no <c>main</c> yet).</summary>
    public static async Task<PipelineHub> StartAsync(string repo, string data, string? store)
    {
        string? token = null;
        var options = new HubOptions
        {
            Repo = repo, DataDirectory = data, Store = store, Listen = "http://127.0.0.1:0", WebhookSecret = Secret,
            PollInterval = TimeSpan.FromHours(1), GitTimeout = TimeSpan.FromMinutes(10), AdminTokenCreated = t => token = t,
        };
        var app = HubApplication.Build(options, [], b => b.Logging.ClearProviders());
        var fetched = Next(app.Services.GetRequiredService<HubActivity>());
        await app.StartAsync();
        await fetched.WaitAsync(Guard);
        return new PipelineHub(app, token ?? throw new InvalidOperationException("the hub printed no admin token"));
    }

    /// <summary>Sends the webhook for a push of <paramref name="sha"/> and times fetch, compile and store until it is final.</summary>
    public async Task<PushTiming> PushAsync(string sha)
    {
        var done = new TaskCompletionSource<RevisionState>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnProcessed(string processed, RevisionState state)
        {
            if (processed == sha)
            {
                done.TrySetResult(state);
            }
        }
        Activity.RevisionProcessed += OnProcessed;
        var phases = PhaseSums();
        var fetched = Next(Activity);
        var started = Stopwatch.GetTimestamp();
        await SendWebhookAsync(sha);
        await fetched.WaitAsync(Guard);
        var fetch = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var state = await done.Task.WaitAsync(Guard);
        var total = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Activity.RevisionProcessed -= OnProcessed;
        if (state != RevisionState.Applied)
        {
            throw new InvalidOperationException($"revision {sha} ended {state}");
        }
        var after = PhaseSums();
        return new PushTiming(total, fetch, PushTiming.PhaseNames.ToDictionary(p => p, p => after[p] - phases[p]));
    }

    private Dictionary<string, double> PhaseSums() =>
        PushTiming.PhaseNames.ToDictionary(p => p, p => Metrics.RevisionPhaseSeconds.WithLabels(p).Sum);

    /// <summary>Every cluster through the REST API (pages of 1,000): name → desired digest and revision.</summary>
    public async Task<Dictionary<string, DigestRef>> DesiredAsync()
    {
        var result = new Dictionary<string, DigestRef>(StringComparer.Ordinal);
        string? next = null;
        do
        {
            var url = "/api/v1/clusters?limit=1000" + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next));
            var page = await _http.GetFromJsonAsync<PageResponse<ClusterResponse>>(url, Json) ?? throw new InvalidOperationException("empty page");
            foreach (var cluster in page.Items)
            {
                result.Add(cluster.Name, cluster.Desired);
            }
            next = page.Continue;
        }
        while (next is not null);
        return result;
    }

    private async Task SendWebhookAsync(string sha)
    {
        var body = $$"""{"ref":"refs/heads/main","after":"{{sha}}"}"""; // as a real push: each one a different body
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body))));
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static Task Next(HubActivity activity)
    {
        var fetched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFetched(string? head, string? error)
        {
            activity.Fetched -= OnFetched;
            fetched.TrySetResult();
        }
        activity.Fetched += OnFetched;
        return fetched.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

/// <summary>
/// One push, in seconds: webhook → revision final (<paramref name="Total"/>); webhook → fetch done (<paramref name="Fetch"/>);
/// checkout + load + validate + render (<paramref name="Compile"/>); compress + store in one transaction (<paramref name="Store"/>).
/// </summary>
/// <summary>One push, timed: webhook → Applied, webhook → fetched, and the hub's own phase timings (seconds).</summary>
internal sealed record PushTiming(double Total, double Fetch, IReadOnlyDictionary<string, double> Phases)
{
    /// <summary>The phases of <c>edgeplane_hub_revision_phase_duration_seconds</c>, in pipeline order.</summary>
    public static readonly string[] PhaseNames = ["checkout", "load", "render", "plan", "compress", "store"];

    /// <summary>What no phase accounts for: the processor's wake-up, the revision bookkeeping, the activity event.</summary>
    public double Other => Total - Fetch - Phases.Values.Sum();

    public override string ToString() =>
        $"{Total:F2} s (fetch {Fetch:F2}, {string.Join(", ", PhaseNames.Select(p => $"{p} {Phases[p]:F2}"))}, other {Other:F2})";
}
