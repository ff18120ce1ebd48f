namespace Edgeplane.Cli.HubClient;

/// <summary>A hub call failed; the message is for the user. <see cref="Usage"/> marks a command-line/config mistake (exit 2).</summary>
internal sealed class HubClientException(string message, bool usage = false) : Exception(message)
{
    public bool Usage { get; } = usage;
}
