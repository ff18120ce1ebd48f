using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Store.Entities;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Infrastructure;

/// <summary>A real hub on Kestrel port 0 with a fake clock, for API and pipeline tests.</summary>
internal sealed class HubHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private bool _disposed;

    private HubHost(WebApplication app, FakeTimeProvider time, string? adminToken, string token)
    {
        App = app;
        Time = time;
        AdminToken = adminToken;
        Token = token;
        BaseAddress = new Uri(app.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = Timeout };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Anonymous = new HttpClient { BaseAddress = BaseAddress, Timeout = Timeout };
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>The admin token printed at first start (null when the store already had one).</summary>
    public string? AdminToken { get; }

    /// <summary>The admin API token <see cref="Client"/> sends.</summary>
    public string Token { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public HttpClient Anonymous { get; }

    public HubActivity Activity => App.Services.GetRequiredService<HubActivity>();

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>
    /// Starts a hub. <paramref name="token"/> is the API token to use when the store already has one (a restart).
    /// Tasks for the first fetch and first processed revision are armed before start, so nothing is missed.
    /// </summary>
    public static async Task<HubHost> StartAsync(HubOptions options, string? token = null, IRevisionCompiler? compiler = null,
        FakeTimeProvider? time = null, ILoggerProvider? logs = null, Action<IServiceCollection>? services = null)
    {
        time ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        string? created = null;
        var app = HubApplication.Build(options with { Listen = "http://127.0.0.1:0", AdminTokenCreated = t => created = t }, [],
            builder =>
            {
                builder.Logging.ClearProviders();
                if (logs is not null)
                {
                    builder.Logging.AddProvider(logs);
                }
                builder.Services.AddSingleton<TimeProvider>(time);
                builder.Services.AddSingleton(compiler ?? new TestFleetCompiler());
                services?.Invoke(builder.Services);
            });
        await app.StartAsync();
        return new HubHost(app, time, created, token ?? created ?? throw new InvalidOperationException("no admin token was created and none was given"));
    }

    /// <summary>Options for a hub over <paramref name="repo"/> with data in <paramref name="data"/>.</summary>
    public static HubOptions Options(string repo, string data, string? store, string? webhookSecret = null) => new()
    {
        Repo = repo,
        DataDirectory = data,
        Store = store,
        WebhookSecret = webhookSecret,
        PollInterval = TimeSpan.FromMinutes(1),
    };

    /// <summary>Waits until revision <paramref name="sha"/> reaches a final state (Applied, Failed or Held), then returns it.</summary>
    public async Task<RevisionResponse> WaitForRevisionAsync(string sha)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnProcessed(string processed, RevisionState state)
        {
            if (processed == sha)
            {
                done.TrySetResult();
            }
        }
        Activity.RevisionProcessed += OnProcessed;
        try
        {
            var current = await GetRevisionOrNullAsync(sha);
            if (current is null || current.State is RevisionState.Pending or RevisionState.Approved)
            {
                await done.Task.WaitAsync(Timeout);
            }
            return (await GetRevisionOrNullAsync(sha))!;
        }
        finally
        {
            Activity.RevisionProcessed -= OnProcessed;
        }
    }

    /// <summary>
    /// Advances the fake clock by one poll interval once the poller waits, and waits for the resulting fetch; with
    /// <paramref name="head"/>, until a fetch sees that commit (a fetch still running from the start may see an older one).
    /// </summary>
    public async Task AdvancePollIntervalAsync(TimeSpan interval, string? head = null)
    {
        var fetched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFetched(string? fetchedHead, string? error)
        {
            if (head is null || fetchedHead == head)
            {
                fetched.TrySetResult();
            }
        }
        Activity.Fetched += OnFetched;
        try
        {
            // The poller may still be finishing the previous fetch: advance until a fetch happens.
            while (!fetched.Task.IsCompleted)
            {
                var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                void OnWaiting() => waiting.TrySetResult();
                Activity.PollerWaiting += OnWaiting;
                Time.Advance(interval);
                await Task.WhenAny(fetched.Task, waiting.Task).WaitAsync(Timeout);
                Activity.PollerWaiting -= OnWaiting;
            }
        }
        finally
        {
            Activity.Fetched -= OnFetched;
        }
    }

    public async Task<RevisionResponse?> GetRevisionOrNullAsync(string sha)
    {
        using var response = await Client.GetAsync($"/api/v1/revisions/{sha}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<RevisionResponse>(Json) : null;
    }

    public async Task<T> GetAsync<T>(string path) =>
        (await Client.GetFromJsonAsync<T>(path, Json)) ?? throw new InvalidOperationException($"GET {path} returned null");

    public async Task<Dictionary<string, string?>> DesiredDigestsAsync()
    {
        var page = await GetAsync<PageResponse<ClusterResponse>>("/api/v1/clusters?limit=1000");
        return page.Items.ToDictionary(c => c.Name, c => c.Desired.Digest);
    }

    /// <summary>Stops the hub (a clean stop); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        Client.Dispose();
        Anonymous.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
