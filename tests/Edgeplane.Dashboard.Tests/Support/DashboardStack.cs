using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Edgeplane.Cli.Up;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub;

namespace Edgeplane.Dashboard.Tests.Support;

/// <summary>
/// One <c>edgeplane up</c> stack for every dashboard test: the example fleet with up's demo overlay, KubeSim, the hub on
/// SQLite and an agent per cluster, in this process, with fast test timings. Once converged it starts a rollout that
/// stays in its canary wave's soak for an hour (<see cref="Rollout"/>), so the rollout views have a live run to show
/// and steer. Drift checks run only when a test asks (<see cref="Edgeplane.Agent.AgentHost.RequestReconcile"/>).
/// </summary>
public sealed class DashboardStack : IAsyncLifetime
{
    /// <summary>Guard for every wait: generous, since the tests share two cores with the stack.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The demo policy of up with an hour's soak: the run waits in its canary wave while the tests look at it.</summary>
    private const string SoakingPolicy = """
        apiVersion: edgeplane.dev/v1alpha1
        kind: Rollout
        metadata:
          name: default
        spec:
          maxUnavailable: 50%
          soakTime: 1h
          waves:
            - name: canary
              target:
                selector:
                  matchLabels: {rollout.acme.example.net/canary: "true"}
            - name: edge
              target: {layers: [edge]}
            - name: regional
              target: {layers: [regional]}
            - name: cloud
              target: {layers: [cloud]}
          healthGates:
            - {name: bundles-healthy, minHealthyPercent: 100, timeout: 90s}
          rollback:
            automatic: true
            maxFailures: 0
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "edgeplane-dashboard", Guid.NewGuid().ToString("N")[..12]);

    public UpStack Stack { get; private set; } = null!;

    public Uri HubUrl => Stack.HubUrl;

    public string AdminToken => File.ReadAllText(Stack.Layout.AdminToken).Trim();

    /// <summary>The run started at setup: its canary wave soaks for an hour.</summary>
    public RolloutResponse Rollout { get; private set; } = null!;

    /// <summary>A folder of this stack's own for scratch files (kubectl's cache).</summary>
    public string Scratch => Directory.CreateDirectory(Path.Combine(_root, "scratch")).FullName;

    private static UpSettings Settings(string root) => new()
    {
        DataDirectory = Path.Combine(root, "data"),
        ApiPort = 0,
        GatewayPort = 0,
        KubePort = 0,
        PollInterval = TimeSpan.FromMilliseconds(300),
        Gateway = new GatewayOptions
        {
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            EvaluateInterval = TimeSpan.FromMilliseconds(200),
            DegradedAfter = TimeSpan.FromSeconds(2),
            OfflineAfter = TimeSpan.FromSeconds(3),
            StableAfter = TimeSpan.FromSeconds(1),
            RetryJitter = TimeSpan.FromMilliseconds(100),
            ShutdownRetryAfter = TimeSpan.FromMilliseconds(100),
        },
        ConfigureAgent = o => o with
        {
            DriftInterval = TimeSpan.FromHours(1),
            HealthPollInterval = TimeSpan.FromMilliseconds(100),
            RetryInitialDelay = TimeSpan.FromMilliseconds(100),
            RetryMaxDelay = TimeSpan.FromSeconds(1),
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        },
    };

    public async Task InitializeAsync()
    {
        Stack = await UpStack.StartAsync(Settings(_root));
        await WaitForAllConvergedAsync();
        await File.WriteAllTextAsync(Path.Combine(Stack.Layout.Repo, "rollouts", "default.yaml"), SoakingPolicy);
        var policy = Stack.Commit("rollout policy: soak an hour after the canary");
        Assert.Equal(RevisionState.Applied, (await Stack.WaitForRevisionAsync(policy, Timeout)).State);
        var (_, _, sha) = RolloutDemo.Commit(Stack.Layout.Repo);
        Assert.Equal(RevisionState.Applied, (await Stack.WaitForRevisionAsync(sha, Timeout)).State);
        Rollout = await RolloutAsync(sha, r => r.Waves[0].State == "Soaking", "the canary wave soaks");
    }

    /// <summary>Waits until every cluster converged (its desired bundle applied and healthy).</summary>
    public async Task WaitForAllConvergedAsync()
    {
        var snapshot = await Stack.WaitForConvergenceAsync(s => s.AllConverged, Timeout);
        Assert.True(snapshot.AllConverged, "not converged: " + string.Join("; ", snapshot.Clusters.Where(c => !c.Converged)
            .Select(c => $"{c.Cluster}: {c.Health} {c.Reason}")));
    }

    /// <summary>
    /// The run of <paramref name="sha"/> once <paramref name="done"/> holds. Soaks end on the hub's clock without any
    /// agent changing, so besides the stack's change events this reads the API once a second, as the E2E tests do.
    /// </summary>
    public async Task<RolloutResponse> RolloutAsync(string sha, Func<RolloutResponse, bool> done, string what)
    {
        using var limit = new CancellationTokenSource(Timeout);
        using var api = Api(AdminToken);
        RolloutResponse? run = null;
        while (!limit.IsCancellationRequested)
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnChanged() => changed.TrySetResult();
            Stack.Changed += OnChanged;
            try
            {
                var list = await api.GetFromJsonAsync<PageResponse<RolloutResponse>>("/api/v1/rollouts", Json, limit.Token);
                run = list!.Items.FirstOrDefault(r => r.Revision == sha);
                if (run is not null && done(run))
                {
                    return run;
                }
                await Task.WhenAny(changed.Task, Task.Delay(TimeSpan.FromSeconds(1), limit.Token));
            }
            finally
            {
                Stack.Changed -= OnChanged;
            }
        }
        throw new TimeoutException($"{what}: not within {Timeout}; last {run?.State} {run?.Reason}");
    }

    /// <summary>An HTTP client for the hub's REST API with <paramref name="token"/>.</summary>
    public HttpClient Api(string token)
    {
        var client = new HttpClient { BaseAddress = HubUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> GetAsync<T>(string path, string? token = null)
    {
        using var api = Api(token ?? AdminToken);
        return (await api.GetFromJsonAsync<T>(path, Json))!;
    }

    /// <summary>A new API token (POST /api/v1/tokens with the admin token) for a subject of the test's own.</summary>
    public async Task<CreatedApiTokenResponse> CreateTokenAsync(string role, string? workspace = null)
    {
        using var api = Api(AdminToken);
        var subject = $"user:{role}-{Guid.NewGuid().ToString("N")[..8]}@dashboard.test";
        using var response = await api.PostAsJsonAsync("/api/v1/tokens",
            new CreateApiTokenRequest(subject, role, workspace, "1h", "dashboard test"), Json);
        Assert.True(response.IsSuccessStatusCode, $"POST /api/v1/tokens answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CreatedApiTokenResponse>(Json))!;
    }

    public async Task DisposeAsync()
    {
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a closing component; the temp folder is cleaned by the OS
        }
    }
}
