namespace Edgeplane.Agent.Bundles;

/// <summary>A bundle document is not in the documented format (docs/rendering.md, "The bundle document"); the message says where.</summary>
public sealed class BundleFormatException : Exception
{
    public BundleFormatException(string message)
        : base(message)
    {
    }

    public BundleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BundleFormatException()
    {
    }
}
