namespace Edgeplane.Cli.HubClient;

/// <summary>A hub call failed; the message is for the user. <see cref="Usage"/> marks a command-line/config mistake (exit 2).</summary>
internal sealed class HubClientException(string message, bool usage = false, bool transient = false) : Exception(message)
{
    public bool Usage { get; } = usage;

    /// <summary>The hub could not be reached, did not answer in time, or answered 5xx: asking again later may work.</summary>
    public bool Transient { get; } = transient;
}
