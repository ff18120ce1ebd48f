namespace Edgeplane.Cli.Join;

/// <summary>What <c>edgeplane clusters join</c> was asked: the cluster, how to reach it, what its agent dials, how long to wait.</summary>
/// <param name="Cluster">The fleet's name of the cluster (a DNS-1123 label).</param>
/// <param name="Kubeconfig">The kubeconfig file that reaches the cluster.</param>
/// <param name="Context">Its context; null: the current one.</param>
/// <param name="Gateway">The gateway URL the agent dials; null: what the hub advertises.</param>
/// <param name="Image">The agent image; null: the default for this CLI's version.</param>
/// <param name="Timeout">The longest the whole join may take.</param>
/// <param name="Wait">False: return once the manifests are applied.</param>
internal sealed record JoinRequest(string Cluster, string Kubeconfig, string? Context, Uri? Gateway, string? Image, TimeSpan Timeout, bool Wait);
