namespace Edgeplane.Hub.Sources;

/// <summary>A fetch or checkout of the fleet repo failed; the message says what and where.</summary>
internal sealed class GitSourceException : Exception
{
    public GitSourceException(string message)
        : base(message)
    {
    }

    public GitSourceException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>A failure that belongs to one path of the repo (shown as the error's file).</summary>
    public GitSourceException(string message, string path)
        : base(message) => RepoPath = path;

    public GitSourceException()
    {
    }

    /// <summary>The path in the repo the failure is about, if it is about one.</summary>
    public string? RepoPath { get; }
}
