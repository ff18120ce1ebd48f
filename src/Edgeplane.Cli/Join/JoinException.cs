namespace Edgeplane.Cli.Join;

/// <summary>A join step failed; the message says what and where. <see cref="Usage"/> marks a command-line mistake (exit 2).</summary>
internal sealed class JoinException(string message, bool usage = false) : Exception(message)
{
    public bool Usage { get; } = usage;
}
