using System.Net.Http.Json;
using Edgeplane.Agent.Identity;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Gateway;
using Edgeplane.Hub.Gateway.Availability;
using Edgeplane.Hub.Gateway.Fanout;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Gateway.Support;

/// <summary>
/// A hub with its gateway on real Kestrel + TLS (port 0), a fresh store of one kind, the testdata fleet applied (clusters
/// cloud-eu, regional-eu-1, edge-site-1), and a fake clock. Agents enrol with tokens from the REST API through the real
/// agent enrolment code.
/// </summary>
internal sealed class GatewayScenario : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly GatewayOptions _options;
    private readonly List<HubHost> _replicas = [];
    private string _token = "";

    private GatewayScenario(TempDirectory temp, TestRepo repo, string? store, GatewayOptions options)
    {
        Temp = temp;
        Repo = repo;
        Store = store;
        _options = options;
    }

    public TempDirectory Temp { get; }

    public TestRepo Repo { get; }

    public string? Store { get; }

    public HubHost Host { get; private set; } = null!;

    public FakeTimeProvider Time => Host.Time;

    public Uri GatewayAddress { get; private set; } = null!;

    public HubOptions Options => HubHost.Options(Repo.Path, Temp.Sub("data"), Store) with
    {
        GatewayListen = "https://127.0.0.1:0",
        Gateway = _options,
    };

    /// <param name="kind">The store.</param>
    /// <param name="options">The gateway's options.</param>
    /// <param name="fixture">The fleet under testdata/ (default: <c>fleet</c>).</param>
    public static async Task<GatewayScenario> StartAsync(StoreKind kind, GatewayOptions? options = null, string fixture = "fleet")
    {
        var temp = new TempDirectory();
        var repo = TestRepo.FromFixture(temp.Sub("repo"), fixture, out var sha);
        var scenario = new GatewayScenario(temp, repo, await Stores.CreateAsync(kind), options ?? new GatewayOptions());
        await scenario.RestartAsync();
        Assert.Equal(RevisionState.Applied, (await scenario.Host.WaitForRevisionAsync(sha)).State);
        return scenario;
    }

    /// <summary>
    /// Stops the hub (if running; agents get Goodbye) and starts a new one on the same data folder and store.
    /// <paramref name="crash"/>: the old hub does not release its lease, like a killed process.
    /// </summary>
    public async Task RestartAsync(bool crash = false)
    {
        var time = Host?.Time; // a restart keeps the clock: real clocks do not jump back to the test's start
        if (Host is not null)
        {
            await StopHostAsync(crash);
        }
        Host = await HubHost.StartAsync(Options, _token.Length > 0 ? _token : null, time: time, services: WithFaults);
        _token = _token.Length > 0 ? _token : Host.AdminToken!;
        GatewayAddress = GatewayAddressOf(Host);
        await Host.Service<TargetIndex>().WhenLoaded.WaitAsync(Timeout);
        await Host.Service<AvailabilityTracker>().Started.WaitAsync(Timeout);
    }

    /// <summary>The lease faults of <paramref name="host"/> (default: this scenario's hub).</summary>
    public CrashableLeaseStore Faults(HubHost? host = null) => (host ?? Host).Service<CrashableLeaseStore>();

    /// <summary>
    /// Stops this scenario's hub (<paramref name="crash"/>: without releasing its lease) and makes <paramref name="replica"/>
    /// the scenario's hub: agents made from now on dial it, and ticks wait for it.
    /// </summary>
    public async Task FailOverAsync(HubHost replica, bool crash)
    {
        await StopHostAsync(crash);
        _replicas.Remove(replica);
        Host = replica;
        GatewayAddress = GatewayAddressOf(replica);
    }

    private async Task StopHostAsync(bool crash)
    {
        Faults().Crashed = crash;
        await Host.DisposeAsync();
    }

    private static void WithFaults(IServiceCollection services)
    {
        services.AddSingleton(sp => new CrashableLeaseStore(ActivatorUtilities.CreateInstance<EfInstanceLeaseStore>(sp)));
        services.AddSingleton<IInstanceLeaseStore>(sp => sp.GetRequiredService<CrashableLeaseStore>());
    }

    /// <summary>Commits, triggers a fetch through the poll interval, and waits for the revision's outcome.</summary>
    public async Task<RevisionResponse> CommitAndProcessAsync(string message)
    {
        var sha = Repo.Commit(message);
        await Host.AdvancePollIntervalAsync(Options.PollInterval, sha);
        return await Host.WaitForRevisionAsync(sha);
    }

    public async Task<string> CreateTokenAsync(string cluster, string? ttl = null)
    {
        using var response = await Host.Client.PostAsJsonAsync($"/api/v1/clusters/{cluster}/tokens", new CreateTokenRequest(ttl));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<BootstrapTokenResponse>(HubHost.Json))!.Token;
    }

    /// <summary>Enrols <paramref name="cluster"/>'s agent (its own state folder) and returns a protocol-level agent.</summary>
    public async Task<GatewayAgent> EnrolAsync(string cluster)
    {
        var token = BootstrapToken.Parse(await CreateTokenAsync(cluster));
        var files = new AgentIdentityFiles(Temp.Sub($"agent-{cluster}-{Guid.NewGuid():N}"));
        var credentials = await new EnrollmentClient(files, Time, NullLogger<EnrollmentClient>.Instance)
            .EnrollAsync(GatewayAddress, token, ClusterId.Parse(cluster), CancellationToken.None);
        return new GatewayAgent(this, credentials);
    }

    public Task<ClusterDetailResponse> ClusterAsync(string name) => Host.GetAsync<ClusterDetailResponse>($"/api/v1/clusters/{name}");

    /// <summary>
    /// Advances the fake clock one <paramref name="step"/> at a time, waiting for the availability monitor's tick after
    /// each, until <paramref name="cluster"/> is stored as <paramref name="state"/>; returns the elapsed fake time.
    /// </summary>
    public async Task<TimeSpan> AdvanceUntilStoredAsync(string cluster, AvailabilityState state, TimeSpan step, int maxSteps = 1000)
    {
        var tracker = Host.Service<AvailabilityTracker>();
        var stored = false;
        void OnStored(IReadOnlyList<Edgeplane.Hub.Store.AvailabilityChange> changes) =>
            stored |= changes.Any(c => c.Cluster == cluster && c.Availability == state.ToString());
        tracker.Stored += OnStored;
        try
        {
            for (var i = 1; i <= maxSteps; i++)
            {
                await TickAsync(step);
                if (stored)
                {
                    return step * i;
                }
            }
            throw new TimeoutException($"{cluster} did not become {state} within {step * maxSteps} of fake time");
        }
        finally
        {
            tracker.Stored -= OnStored;
        }
    }

    /// <summary>
    /// Waits until <paramref name="cluster"/>'s link on this hub has a last contact at <paramref name="at"/> or later: with the
    /// fake clock standing still, the hub has read what the agent sent at <paramref name="at"/>. The hub stamps a message
    /// when it reads it; a test that steps the clock without this wait can run ahead of messages still in flight, and
    /// a live agent then looks silent.
    /// </summary>
    public Task WaitForContactAsync(string cluster, DateTimeOffset at)
    {
        var link = Host.Service<AvailabilityTracker>().Find(cluster) ?? throw new InvalidOperationException($"{cluster} has no link on this hub");
        return link.WhenContactAsync(at, CancellationToken.None).WaitAsync(Timeout);
    }

    /// <summary>
    /// Advances the fake clock by <paramref name="step"/> and waits for the availability monitor's tick to finish, on this
    /// hub and on every one of <paramref name="replicas"/> (they share the clock).
    /// </summary>
    public async Task TickAsync(TimeSpan step, params HubHost[] replicas)
    {
        var trackers = replicas.Prepend(Host).Select(h => h.Service<AvailabilityTracker>()).ToList();
        var ticks = trackers.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var handlers = ticks.Select(t => (Action)(() => t.TrySetResult())).ToList();
        for (var i = 0; i < trackers.Count; i++)
        {
            trackers[i].Ticked += handlers[i];
        }
        try
        {
            Time.Advance(step);
            await Task.WhenAll(ticks.Select(t => t.Task)).WaitAsync(Timeout);
        }
        finally
        {
            for (var i = 0; i < trackers.Count; i++)
            {
                trackers[i].Ticked -= handlers[i];
            }
        }
    }

    /// <summary>
    /// A second hub on the scenario's database, clock and CA (copied, as replicas share one CA), its own data folder (so
    /// its own instance name); the scenario stops it at the end.
    /// </summary>
    public async Task<HubHost> StartReplicaAsync(string name = "replica")
    {
        var data = Temp.Sub($"{name}-data");
        var identity = Directory.CreateDirectory(Path.Combine(data, "identity"));
        foreach (var file in new[] { HubCertificateAuthority.CertificateFileName, HubCertificateAuthority.KeyFileName })
        {
            File.Copy(Path.Combine(Options.DataDirectory, "identity", file), Path.Combine(identity.FullName, file));
        }
        var replica = await HubHost.StartAsync(Options with { DataDirectory = data }, _token, time: Time, services: WithFaults);
        _replicas.Add(replica);
        await replica.Service<TargetIndex>().WhenLoaded.WaitAsync(Timeout);
        await replica.Service<AvailabilityTracker>().Started.WaitAsync(Timeout);
        var listener = replica.App.Services.GetServices<IHostedService>().OfType<PostgresNotificationListener>().Single();
        await listener.Listening.WaitAsync(Timeout);
        return replica;
    }

    /// <summary>The gateway address of <paramref name="host"/>.</summary>
    public static Uri GatewayAddressOf(HubHost host) => new(host.App.Services.GetRequiredService<IServer>()
        .Features.Get<IServerAddressesFeature>()!.Addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        Repo.Dispose();
        Temp.Dispose();
    }
}
