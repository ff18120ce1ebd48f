using Edgeplane.Agent;
using Edgeplane.Hub.Gateway;
using Edgeplane.Hub;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Up;

/// <summary>
/// What <c>edgeplane up</c> starts and where: the data folder, the fleet to seed a new repo with, the three ports on
/// 127.0.0.1, and the timings of the hub and agents. Defaults are documented in docs/up.md.
/// </summary>
public sealed record UpSettings
{
    /// <summary>Default API port; the gateway and KubeSim take the next two.</summary>
    public const int DefaultApiPort = 7480;

    /// <summary>Holds the fleet repo, the hub's database and CA, KubeSim's clusters and every agent's state.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The fleet copied into a new repo on first start (default: examples/fleet shipped next to the CLI).</summary>
    public string? FleetSource { get; init; }

    /// <summary>REST API port (0 picks a free one).</summary>
    public int ApiPort { get; init; } = DefaultApiPort;

    /// <summary>Agent gateway port, gRPC over mutual TLS (0 picks a free one).</summary>
    public int GatewayPort { get; init; } = DefaultApiPort + 1;

    /// <summary>KubeSim port (0 picks a free one).</summary>
    public int KubePort { get; init; } = DefaultApiPort + 2;

    /// <summary>How often the hub fetches the fleet repo (default 2 s: the repo is a local folder, a fetch is cheap).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Reconciles (apply or drift check) running at once across all agents (default: 2 per core).</summary>
    public int ReconcileSlots { get; init; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Lifetime of the bootstrap tokens <c>up</c> creates for its agents (default 1 h).</summary>
    public TimeSpan TokenTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Gateway timings and bounds.</summary>
    public GatewayOptions Gateway { get; init; } = new();

    /// <summary>Adjusts each agent's options (timings in tests); null keeps the defaults <c>up</c> chooses.</summary>
    public Func<AgentOptions, AgentOptions>? ConfigureAgent { get; init; }

    /// <summary>Lowest level written to <c>{data}/logs/up.log</c> (default Information).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>The longest the hub may take to process the fleet repo's first revision (default 2 min).</summary>
    public TimeSpan FirstRevisionTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Throws <see cref="ArgumentException"/> naming every setting that is out of range.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        foreach (var (flag, port) in new[] { ("--api-port", ApiPort), ("--gateway-port", GatewayPort), ("--kube-port", KubePort) })
        {
            if (port is < 0 or > 65535)
            {
                errors.Add($"{flag} {port} is not a TCP port; use 1-65535, or 0 to pick a free one");
            }
        }
        var fixedPorts = new[] { ApiPort, GatewayPort, KubePort }.Where(p => p != 0).ToList();
        if (fixedPorts.Distinct().Count() != fixedPorts.Count)
        {
            errors.Add($"--api-port, --gateway-port and --kube-port must differ (got {ApiPort}, {GatewayPort}, {KubePort})");
        }
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add("--data is empty");
        }
        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"the poll interval {PollInterval} must be between 100 ms and 1 h");
        }
        if (ReconcileSlots < 1)
        {
            errors.Add("at least one reconcile slot is needed");
        }
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors));
        }
    }
}
