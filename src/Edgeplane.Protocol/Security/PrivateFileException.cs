namespace Edgeplane.Protocol.Security;

/// <summary>A private folder or secret file cannot be used safely (others may change or read it, or it is unusable); the message says what to do.</summary>
public sealed class PrivateFileException : InvalidOperationException
{
    /// <summary>Creates the exception with a message that names the path and the fix.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public PrivateFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public PrivateFileException()
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="inner">The cause.</param>
    public PrivateFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
