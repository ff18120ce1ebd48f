using Edgeplane.Agent.Link;
using Edgeplane.Agent.State;
using Edgeplane.Agent.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Agent.Tests.Link;

public sealed class HubLinkTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private AgentTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await AgentTestBed.StartAsync(_time);

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Theory]
    [InlineData(0.2, new[] { 10, 20, 40, 80, 100, 100 })]
    [InlineData(0.5, new[] { 25, 50, 100, 200, 250, 250 })]
    [InlineData(1.0, new[] { 50, 100, 200, 400, 500, 500 })]
    public async Task Reconnect_HubUnreachable_JitteredExponentialBackOffWithinBounds(double random, int[] expectedMs)
    {
        // Ceilings of 50 ms doubling to 500 ms, full jitter: each wait is the ceiling times the random value.
        _bed.AddCluster("site-a");
        var agent = await _bed.StartAgentAsync("site-a", time: _time, random: new FixedRandom(random));
        await _bed.WaitAsync(() => agent.Snapshot.Link.State == HubLinkState.Connected, "the first session");
        await _bed.StopGatewayAsync();

        var waits = new List<TimeSpan>();
        DateTimeOffset? seen = null;
        while (waits.Count < expectedMs.Length)
        {
            await _bed.WaitAsync(() => agent.Snapshot.Link is { State: HubLinkState.Disconnected, NextAttempt: { } next } && next != seen,
                $"disconnect {waits.Count + 1}", () => agent.Snapshot.Link.ToString());
            var link = agent.Snapshot.Link;
            seen = link.NextAttempt;
            waits.Add(link.NextAttempt!.Value - _time.GetUtcNow());
            _time.Advance(waits[^1]);
        }

        Assert.Equal(expectedMs, waits.Select(w => (int)Math.Round(w.TotalMilliseconds)).ToArray());
    }

    [Fact]
    public async Task Session_HeartbeatInterval_OneHeartbeatPerInterval()
    {
        _bed.Hub.HeartbeatInterval = TimeSpan.FromSeconds(10);
        _bed.AddCluster("site-a");
        var agent = await _bed.StartAgentAsync("site-a", time: _time);
        await _bed.WaitAsync(() => agent.Snapshot.Link.State == HubLinkState.Connected, "the session");

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, _bed.Hub.Heartbeats);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _bed.WaitAsync(() => _bed.Hub.Heartbeats == 1, "the first heartbeat");
        _time.Advance(TimeSpan.FromSeconds(10));
        await _bed.WaitAsync(() => _bed.Hub.Heartbeats == 2, "the second heartbeat");
    }

    [Fact]
    public async Task Session_DroppedByTheHub_RedialsAndSaysHelloAgain()
    {
        _bed.AddCluster("site-a");
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => _bed.Hub.IsConnected("site-a"), "the first session");

        _bed.Hub.Drop("site-a");

        await _bed.WaitAsync(() => _bed.Hub.HellosOf("site-a").Count == 2 && agent.Snapshot.Link.State == HubLinkState.Connected,
            "a second session");
        Assert.Equal(HubLinkState.Connected, agent.Snapshot.Link.State);
    }

    [Fact]
    public async Task Revoke_LiveSession_AgentStopsLeavesWorkloadsAndAsksForANewToken()
    {
        _bed.AddCluster("site-a");
        var digest = _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web"), TestBundles.ConfigMap("web", "settings")]));
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "the bundle applied");

        await _bed.Gateway.RevokeAsync("site-a");

        await _bed.WaitAsync(() => agent.Snapshot.IsRevoked, "the revocation", () => agent.Snapshot.Link.ToString());
        var snapshot = agent.Snapshot;
        Assert.Equal(HubLinkState.Stopped, snapshot.Link.State);
        var stalled = snapshot.Condition(Edgeplane.Protocol.ConditionTypes.Stalled)!;
        Assert.StartsWith("the hub revoked this cluster (", stalled.Message, StringComparison.Ordinal);
        Assert.EndsWith("it needs a new bootstrap token to join again (edgeplane token create --cluster site-a, then edgeplane agent " +
            "--token <token>)", stalled.Message, StringComparison.Ordinal);
        Assert.NotNull(await _bed.Client("site-a").ConfigMapAsync("web", "settings"));
        Assert.NotNull(new CheckpointFile(_bed.StateOf("site-a")).Load().RevokedAt);
        Assert.Equal(digest, snapshot.AppliedDigest);
    }

    [Fact]
    public async Task Start_AfterRevocation_StaysStoppedWithoutTokenAndRejoinsWithANewOne()
    {
        _bed.AddCluster("site-a");
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => _bed.Hub.IsConnected("site-a"), "the session");
        await _bed.Gateway.RevokeAsync("site-a");
        await _bed.WaitAsync(() => agent.Snapshot.IsRevoked, "the revocation");
        await _bed.StopAgentAsync(agent);
        var connects = _bed.Hub.Connects;

        var stale = await _bed.StartAgentAsync("site-a", withToken: false);
        await _bed.WaitAsync(() => stale.Snapshot.IsRevoked, "the remembered revocation");
        Assert.Equal(connects, _bed.Hub.Connects);
        await _bed.StopAgentAsync(stale);

        var rejoined = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => _bed.Hub.IsConnected("site-a") && rejoined.Snapshot.Link.State == HubLinkState.Connected, "the new session");
        Assert.False(rejoined.Snapshot.IsRevoked);
        Assert.Null(new CheckpointFile(_bed.StateOf("site-a")).Load().RevokedAt);
    }

    [Fact]
    public async Task Target_OlderGeneration_Ignored()
    {
        _bed.AddCluster("site-a");
        var digest = _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web")]));
        _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web")], revision: "rev-2"));
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "the bundle applied");
        var generation = agent.Snapshot.Target!.Generation;

        _bed.Hub.Send("site-a", new Protocol.V1.HubMessage
        {
            TargetChanged = new Protocol.V1.TargetChanged { Target = new Protocol.V1.Target { Digest = digest, Revision = "old", Generation = 1 } },
        });
        _bed.Hub.Drop("site-a");
        await _bed.WaitAsync(() => _bed.Hub.HellosOf("site-a").Count == 2, "the next session");

        Assert.Equal(2u, generation);
        Assert.Equal(generation, agent.Snapshot.Target!.Generation);
        Assert.Equal(generation, _bed.Hub.HellosOf("site-a")[1].LastTargetGeneration);
        Assert.NotEqual(digest, agent.Snapshot.Target.Digest);
    }

    [Fact]
    public void NewTokenHint_NamesTheCommands() =>
        Assert.Contains("edgeplane token create --cluster site-a", HubLink.NewTokenHint("site-a"), StringComparison.Ordinal);
}
