using System.Net.Http.Json;
using Edgeplane.Agent.Identity;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Gateway;
using Edgeplane.Hub.Gateway.Availability;
using Edgeplane.Hub.Gateway.Fanout;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
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

    public static async Task<GatewayScenario> StartAsync(StoreKind kind, GatewayOptions? options = null)
    {
        var temp = new TempDirectory();
        var repo = TestRepo.FromFixture(temp.Sub("repo"), "fleet", out var sha);
        var scenario = new GatewayScenario(temp, repo, await Stores.CreateAsync(kind), options ?? new GatewayOptions());
        await scenario.RestartAsync();
        Assert.Equal(RevisionState.Applied, (await scenario.Host.WaitForRevisionAsync(sha)).State);
        return scenario;
    }

    /// <summary>Stops the hub (if running; agents get Goodbye) and starts a new one on the same data folder and store.</summary>
    public async Task RestartAsync()
    {
        var time = Host?.Time; // a restart keeps the clock: real clocks do not jump back to the test's start
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        Host = await HubHost.StartAsync(Options, _token.Length > 0 ? _token : null, time: time);
        _token = _token.Length > 0 ? _token : Host.AdminToken!;
        var addresses = Host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        GatewayAddress = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
        await Host.Service<TargetIndex>().WhenLoaded.WaitAsync(Timeout);
        await Host.Service<AvailabilityTracker>().Started.WaitAsync(Timeout);
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

    /// <summary>Advances the fake clock by <paramref name="step"/> and waits for the availability monitor's tick to finish.</summary>
    public async Task TickAsync(TimeSpan step)
    {
        var tracker = Host.Service<AvailabilityTracker>();
        var ticked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnTicked() => ticked.TrySetResult();
        tracker.Ticked += OnTicked;
        try
        {
            Time.Advance(step);
            await ticked.Task.WaitAsync(Timeout);
        }
        finally
        {
            tracker.Ticked -= OnTicked;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        Repo.Dispose();
        Temp.Dispose();
    }
}
