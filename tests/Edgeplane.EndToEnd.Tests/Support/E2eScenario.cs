using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Edgeplane.Agent;
using Edgeplane.Cli.Up;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Gateway;
using Edgeplane.Hub;
using k8s;

namespace Edgeplane.EndToEnd.Tests.Support;

/// <summary>
/// One end-to-end scenario: its own temp data folder and free ports, <c>edgeplane up</c>'s stack on the fixture fleet
/// (or another seed), fast test timings (heartbeats, reconnects, health polls), and helpers that await events.
/// Drift checks run only when a test asks (<see cref="AgentHost.RequestReconcile"/>), so what a test sees is its own doing.
/// </summary>
public sealed class E2eScenario : IAsyncDisposable
{
    /// <summary>Guard for every wait: generous, since tests share two cores.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly string? _seed;

    private E2eScenario(string root, string? seed, UpStack stack)
    {
        Root = root;
        _seed = seed;
        Stack = stack;
    }

    public string Root { get; }

    public UpStack Stack { get; private set; }

    public string Repo => Stack.Layout.Repo;

    public string AdminToken => File.ReadAllText(Stack.Layout.AdminToken).Trim();

    /// <summary>The hub's CA and identity tables, read from its data folder (not from its services).</summary>
    internal HubIdentity Identity => new(Stack.Layout);

    public static UpSettings Settings(string root, string? seed) => new()
    {
        DataDirectory = Path.Combine(root, "data"),
        FleetSource = seed,
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

    /// <summary>Starts the stack on the fixture fleet and waits until every cluster converged.</summary>
    public static async Task<E2eScenario> StartAsync(string? seed = null, bool waitForConvergence = true)
    {
        var root = Path.Combine(Path.GetTempPath(), "edgeplane-e2e", Guid.NewGuid().ToString("N")[..12]);
        seed ??= TestFleet.Write(Path.Combine(root, "seed"));
        var scenario = new E2eScenario(root, seed, await UpStack.StartAsync(Settings(root, seed)));
        if (waitForConvergence)
        {
            await scenario.WaitForAllConvergedAsync();
        }
        return scenario;
    }

    /// <summary>Waits until every cluster converged and <paramref name="also"/> holds; fails with the last snapshot.</summary>
    public async Task<ConvergenceSnapshot> WaitForAllConvergedAsync(Func<ConvergenceSnapshot, bool>? also = null)
    {
        var snapshot = await Stack.WaitForConvergenceAsync(s => s.AllConverged && (also?.Invoke(s) ?? true), Timeout);
        Assert.True(snapshot.AllConverged && (also?.Invoke(snapshot) ?? true), "not converged: " + Describe(snapshot));
        return snapshot;
    }

    /// <summary>Commits a new marker value (every cluster's bundle changes) and waits until the hub applied the revision.</summary>
    public async Task<string> CommitMarkerAsync(string value)
    {
        TestFleet.WriteMarker(Repo, value);
        var sha = Stack.Commit($"rollout marker {value}");
        Assert.Equal(RevisionState.Applied, (await Stack.WaitForRevisionAsync(sha, Timeout)).State);
        return sha;
    }

    /// <summary>The marker ConfigMap's value in <paramref name="cluster"/>'s virtual cluster, or null when it is missing.</summary>
    public async Task<string?> MarkerAsync(string cluster)
    {
        using var client = Stack.KubeSim.CreateClient(cluster);
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("flux-system", fieldSelector: "metadata.name=rollout-marker");
        return list.Items.SingleOrDefault()?.Data?["value"];
    }

    public AgentHost Agent(string cluster) => Stack.Agents[cluster];

    /// <summary>Waits until <paramref name="check"/> passes, re-checking on every change of the stack.</summary>
    public async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> check, string what)
    {
        using var limit = new CancellationTokenSource(Timeout);
        while (true)
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnChanged() => changed.TrySetResult();
            Stack.Changed += OnChanged;
            try
            {
                var value = await read();
                if (check(value))
                {
                    return value;
                }
                await changed.Task.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"{what} did not happen within {Timeout}");
            }
            finally
            {
                Stack.Changed -= OnChanged;
            }
        }
    }

    /// <summary>An HTTP client for the hub's REST API with the admin token.</summary>
    public HttpClient Api()
    {
        var client = new HttpClient { BaseAddress = Stack.HubUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    public async Task<ClusterDetailResponse> ClusterAsync(string name)
    {
        using var api = Api();
        return (await api.GetFromJsonAsync<ClusterDetailResponse>($"/api/v1/clusters/{name}", Json))!;
    }

    /// <summary>
    /// The run of <paramref name="sha"/> once it has ended. Soaks and gates end on the hub's clock without any agent
    /// changing, so besides the stack's change events this reads the API once a second.
    /// </summary>
    public async Task<RolloutResponse> WaitForRolloutEndAsync(string sha)
    {
        using var limit = new CancellationTokenSource(Timeout);
        using var api = Api();
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
                if (run is { State: RolloutState.Succeeded or RolloutState.RolledBack or RolloutState.Failed or RolloutState.Aborted })
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
        throw new TimeoutException($"the rollout of {sha} did not end within {Timeout}: {run?.State} {run?.Reason}");
    }

    /// <summary>Starts the stack again on the same data folder (as a second <c>edgeplane up</c> would).</summary>
    public async Task RestartStackAsync()
    {
        await Stack.DisposeAsync();
        Stack = await UpStack.StartAsync(Settings(Root, _seed));
    }

    public static string Describe(ConvergenceSnapshot snapshot) => snapshot.Clusters.Count == 0
        ? "no clusters read"
        : string.Join("; ", snapshot.Clusters.Select(c => $"{c.Cluster}: desired {c.Desired}, applied {c.Applied}, {c.Health} {c.Reason}"));

    public async ValueTask DisposeAsync()
    {
        await Stack.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a closing component; the temp folder is cleaned by the OS
        }
    }
}
