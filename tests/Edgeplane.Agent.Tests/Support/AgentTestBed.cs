using Edgeplane.KubeSim;
using k8s;

namespace Edgeplane.Agent.Tests.Support;

/// <summary>
/// One test's world: a temp folder, the protocol gateway, a KubeSim server, and agents started through
/// <see cref="AgentHost"/> exactly as <c>edgeplane agent</c> starts them, with short timings.
/// </summary>
public sealed class AgentTestBed : IAsyncDisposable
{
    private readonly List<AgentHost> _agents = [];

    private AgentTestBed(TempDirectory dir, ProtocolGateway gateway, KubeSimServer sim)
    {
        Dir = dir;
        Gateway = gateway;
        Sim = sim;
    }

    public TempDirectory Dir { get; }

    public ProtocolGateway Gateway { get; private set; }

    public KubeSimServer Sim { get; }

    public GatewayState Hub => Gateway.State;

    public static async Task<AgentTestBed> StartAsync()
    {
        var dir = new TempDirectory();
        var gateway = await ProtocolGateway.StartAsync(dir.Sub("hub"));
        var sim = await KubeSimServer.StartAsync();
        return new AgentTestBed(dir, gateway, sim);
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
    public async Task<AgentHost> StartAgentAsync(string cluster, Func<AgentOptions, AgentOptions>? adjust = null, bool withToken = true)
    {
        var token = withToken ? await Gateway.CreateTokenAsync(cluster) : null;
        var options = Options(cluster, token);
        var agent = await AgentHost.StartAsync(adjust is null ? options : adjust(options));
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

    /// <summary>Stops the gateway (agents lose their hub) and starts a new one on the same port and data.</summary>
    public async Task RestartGatewayAsync(Func<Task>? whileDown = null)
    {
        var port = Gateway.Address.Port;
        var state = Gateway.State;
        await Gateway.DisposeAsync();
        if (whileDown is not null)
        {
            await whileDown();
        }
        Gateway = await ProtocolGateway.StartAsync(Dir.Sub("hub"), port, state);
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
