namespace Edgeplane.Hub.Sources;

/// <summary>A fetch or checkout of the fleet repo failed; the message says what and where.</summary>
public sealed class GitSourceException : Exception
{
    public GitSourceException(string message)
        : base(message)
    {
    }

    public GitSourceException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public GitSourceException()
    {
    }
}
