namespace Edgeplane.Cli.Up.Kubelet;

/// <summary>The agent Deployment cannot be run as written yet (a missing Secret, an unusable argument); the kubelet retries.</summary>
internal sealed class KubeletException(string message) : Exception(message);
