namespace Edgeplane.Protocol.Bundles;

/// <summary>
/// A bundle document is not in the documented format (docs/rendering.md, "The bundle document"); the message says
/// where. A <see cref="FormatException"/>, so callers that treat unreadable stored data alike catch it too.
/// </summary>
public sealed class BundleFormatException : FormatException
{
    /// <summary>A format error described by <paramref name="message"/>.</summary>
    public BundleFormatException(string message)
        : base(message)
    {
    }

    /// <summary>A format error described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public BundleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A format error without details.</summary>
    public BundleFormatException()
    {
    }
}
