using Edgeplane.KubeSim;

namespace Edgeplane.Agent.Tests.Support;

/// <summary>
/// One test's world: a temp folder, the protocol gateway, a KubeSim server, and agents started through
/// <see cref="AgentHost"/> exactly as <c>edgeplane agent</c> starts them, with short timings. <see cref="Changed"/>
/// fires on everything the gateway sees and every agent update, so tests await conditions instead of sleeping.
/// </summary>
public sealed class AgentTestBed : IAsyncDisposable
{
    private readonly List<AgentHost> _agents = [];
    private readonly TimeProvider? _hubTime;

    private AgentTestBed(TempDirectory dir, ProtocolGateway gateway, KubeSimServer sim, TimeProvider? hubTime)
    {
        Dir = dir;
        Gateway = gateway;
        Sim = sim;
        _hubTime = hubTime;
    }

    public TempDirectory Dir { get; }

    public ProtocolGateway Gateway { get; private set; }

    public KubeSimServer Sim { get; }

    public GatewayState Hub => Gateway.State;

    /// <summary>Fires on every gateway event and every agent snapshot change.</summary>
    public ChangeSignal Changed => Hub.Changed;

    /// <summary>
    /// Starts the world; <paramref name="hubTime"/> gives the hub's identity services a (fake) clock, <paramref name="sim"/>
    /// configures
    /// KubeSim (its clock and controller delays).
    /// </summary>
    public static async Task<AgentTestBed> StartAsync(TimeProvider? hubTime = null, KubeSimOptions? simOptions = null)
    {
        var dir = new TempDirectory();
        var gateway = await ProtocolGateway.StartAsync(dir.Sub("hub"), time: hubTime);
        var sim = await KubeSimServer.StartAsync(simOptions ?? new KubeSimOptions());
        return new AgentTestBed(dir, gateway, sim, hubTime);
    }

    /// <summary>A KubeSim cluster and a kubeconfig file for it.</summary>
    public KubeSimCluster AddCluster(string name, string? version = null)
    {
        var cluster = Sim.AddCluster(name, version);
        Sim.WriteKubeconfig(KubeconfigOf(name), name, [name]);
        return cluster;
    }

    public string KubeconfigOf(string cluster) => Dir.Sub($"kubeconfig-{cluster}.yaml");

    public string StateOf(string cluster) => Dir.Sub($"state-{cluster}");

    public k8s.Kubernetes Client(string cluster) => Sim.CreateClient(cluster);

    /// <summary>Options with test timings: drift every 500 ms, health polled every 50 ms, back-off from 50 ms to 500 ms.</summary>
    public AgentOptions Options(string cluster, string? token) => new()
    {
        Hub = Gateway.Address,
        Token = token,
        StateDirectory = StateOf(cluster),
        KubeconfigPath = KubeconfigOf(cluster),
        DriftInterval = TimeSpan.FromMilliseconds(500),
        HealthTimeout = TimeSpan.FromSeconds(20),
        HealthPollInterval = TimeSpan.FromMilliseconds(50),
        RetryInitialDelay = TimeSpan.FromMilliseconds(50),
        RetryMaxDelay = TimeSpan.FromMilliseconds(500),
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        WelcomeTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>Enrols (with a fresh token) and starts an agent for <paramref name="cluster"/>.</summary>
    public async Task<AgentHost> StartAgentAsync(string cluster, Func<AgentOptions, AgentOptions>? adjust = null, bool withToken = true,
        TimeProvider? time = null, Random? random = null)
    {
        var token = withToken ? await Gateway.CreateTokenAsync(cluster) : null;
        var options = Options(cluster, token);
        var agent = await AgentHost.StartAsync(adjust is null ? options : adjust(options), time: time, random: random);
        agent.Changed += (_, _) => Changed.Notify();
        _agents.Add(agent);
        return agent;
    }

    /// <summary>Stops a running agent (its state folder stays).</summary>
    public async Task StopAgentAsync(AgentHost agent)
    {
        _agents.Remove(agent);
        await agent.DisposeAsync();
    }

    /// <summary>Adds a bundle for <paramref name="cluster"/> to the gateway and targets it.</summary>
    public string Target(string cluster, byte[] bundle, string revision = "rev")
    {
        var digest = Hub.AddBundle(bundle);
        Hub.SetTarget(cluster, digest, revision);
        return digest;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking on every change.</summary>
    public Task WaitAsync(Func<bool> condition, string what, Func<string>? explain = null) =>
        Eventually.HoldsAsync(Changed, condition, what, explain: explain);

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking on every change.</summary>
    public Task WaitAsync(Func<Task<bool>> condition, string what, Func<string>? explain = null) =>
        Eventually.HoldsAsync(Changed, condition, what, explain: explain);

    /// <summary>Stops the gateway (agents lose their hub).</summary>
    public async Task StopGatewayAsync() => await Gateway.DisposeAsync();

    /// <summary>Starts the gateway again on the same port, data and state.</summary>
    public async Task StartGatewayAsync()
    {
        Gateway = await ProtocolGateway.StartAsync(Dir.Sub("hub"), Gateway.Address.Port, Gateway.State, _hubTime, Gateway.Store);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }
        await Gateway.DisposeAsync();
        await Sim.DisposeAsync();
        Dir.Dispose();
    }
}
